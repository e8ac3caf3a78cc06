package dev.justsaying.handle;

import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Tells the {@link MessageMonitor} how old each message is when its handler starts (from SQS's {@code SentTimestamp}),
 * how long it took to handle and how it ended.
 */
public final class MetricsMiddleware implements HandlerMiddleware {

    private final MessageMonitor monitor;

    public MetricsMiddleware(MessageMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        long start = System.nanoTime();
        MessageContext context = delivery.context();
        monitor.handling(context.typeName(), context.queueName(), context.region(),
                age(context.sentAt(), Instant.now()));
        return next.handle(delivery).whenComplete((result, error) -> monitor.handled(
                context.typeName(), context.queueName(), context.region(), Duration.ofNanos(System.nanoTime() - start),
                result != null ? result : HandleResult.failure(error)));
    }

    /** Never negative: the sender's clock (SQS's) may run a little ahead of ours. */
    static Duration age(Instant sentAt, Instant now) {
        Duration age = Duration.between(sentAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    @Override
    public String toString() {
        return "metrics";
    }
}
