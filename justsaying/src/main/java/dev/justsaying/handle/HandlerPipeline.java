package dev.justsaying.handle;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Middleware layers folded around a terminal step into one call: the russian doll the bus runs for each message.
 * A layer that throws instead of returning a stage counts as a failure of that message.
 */
public final class HandlerPipeline {

    private final HandlerMiddleware.Next entry;

    private HandlerPipeline(HandlerMiddleware.Next entry) {
        this.entry = entry;
    }

    /** Layers outermost first, around {@code terminal}. */
    public static HandlerPipeline of(List<HandlerMiddleware> layers, HandlerMiddleware.Next terminal) {
        HandlerMiddleware.Next next = guarded(terminal);
        for (int i = layers.size() - 1; i >= 0; i--) {
            HandlerMiddleware layer = layers.get(i);
            HandlerMiddleware.Next inner = next;
            next = guarded(delivery -> layer.handle(delivery, inner));
        }
        return new HandlerPipeline(next);
    }

    public CompletionStage<HandleResult> handle(Delivery delivery) {
        return entry.handle(delivery);
    }

    private static HandlerMiddleware.Next guarded(HandlerMiddleware.Next step) {
        return delivery -> {
            try {
                CompletionStage<HandleResult> stage = step.handle(delivery);
                return stage != null ? stage
                        : CompletableFuture.completedFuture(HandleResult.failure("a middleware returned no result"));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
