package dev.justsaying.handle;

import java.util.concurrent.CompletionStage;

/**
 * One layer around the handling of a message: it may act before and after the layers inside it, change the result,
 * or not call them at all (a duplicate already handled, say). Layers nest like a russian doll; the default order,
 * outermost first, is context → logging → metrics → backoff → error handling → handler.
 *
 * <p>The chain runs on a handler thread (the same one a blocking handler runs on, so thread-bound context such as the
 * MDC reaches it). A middleware should return a stage rather than block; a short, bounded wait — a lock store's
 * answer, say — is acceptable, as it holds only that message's concurrency slot.
 */
@FunctionalInterface
public interface HandlerMiddleware {

    /** Handles {@code delivery}, normally by calling {@code next} and passing its result on. */
    CompletionStage<HandleResult> handle(Delivery delivery, Next next);

    /** The layers inside this one, ending with the handler. */
    @FunctionalInterface
    interface Next {
        CompletionStage<HandleResult> handle(Delivery delivery);
    }
}
