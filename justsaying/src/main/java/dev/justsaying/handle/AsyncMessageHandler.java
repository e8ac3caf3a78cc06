package dev.justsaying.handle;

import java.util.concurrent.CompletionStage;

/**
 * Handles one message at a time without blocking: the returned stage completes with the result. A stage that
 * completes exceptionally, or a handler that throws, counts as a failure. The message holds its concurrency slot
 * until the stage completes.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface AsyncMessageHandler<T> {

    CompletionStage<HandleResult> handle(T message, MessageContext context);
}
