package dev.justsaying.handle;

import java.util.List;

/**
 * Handles up to ten messages of one type at once — those one receive brought from one queue — and says which of them
 * failed, so each message is acknowledged on its own: the handled ones are deleted, the failed ones tried again.
 * Useful where one round trip serves many messages (a batched SQL update). Throwing fails the whole batch.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface BatchMessageHandler<T> {

    BatchResult handle(List<ReceivedMessage<T>> messages) throws Exception;
}
