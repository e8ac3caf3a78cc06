package dev.justsaying.handle;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Gives each failure a retry delay from the {@link BackoffStrategy}, unless the handler chose one itself; the bus
 * then makes the message invisible for that long.
 */
public final class BackoffMiddleware implements HandlerMiddleware {

    private final BackoffStrategy strategy;

    public BackoffMiddleware(BackoffStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        return next.handle(delivery).thenApply(result -> result.isSuccess() || result.retryDelay().isPresent()
                ? result
                : result.retryAfter(strategy.delayBeforeRetry(delivery.context().receiveCount(), result)));
    }

    @Override
    public String toString() {
        return "backoff(" + strategy + ")";
    }
}
