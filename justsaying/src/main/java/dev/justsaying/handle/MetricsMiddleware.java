package dev.justsaying.handle;

import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Tells the {@link MessageMonitor} how long each message took to handle and how it ended. */
public final class MetricsMiddleware implements HandlerMiddleware {

    private final MessageMonitor monitor;

    public MetricsMiddleware(MessageMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        long start = System.nanoTime();
        MessageContext context = delivery.context();
        return next.handle(delivery).whenComplete((result, error) -> monitor.handled(
                context.typeName(), context.queueName(), context.region(), Duration.ofNanos(System.nanoTime() - start),
                result != null ? result : HandleResult.failure(error)));
    }

    @Override
    public String toString() {
        return "metrics";
    }
}
