package dev.justsaying.handle;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Turns whatever the inner layers throw, or the stages they fail, into a {@link HandleResult#failure(Throwable)},
 * so a throwing handler is just a failed message: left for another try, never lost, never crashing a poller.
 */
public final class ErrorHandlingMiddleware implements HandlerMiddleware {

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        return next.handle(delivery).handle((result, error) -> {
            if (error == null) {
                return result != null ? result : HandleResult.failure("the handler returned no result");
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return HandleResult.failure(cause);
        });
    }

    @Override
    public String toString() {
        return "error handling";
    }
}
