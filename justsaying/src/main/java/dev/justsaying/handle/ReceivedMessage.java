package dev.justsaying.handle;

import java.util.Objects;

/**
 * A message with its context, as a {@link BatchMessageHandler} sees each message of a batch.
 *
 * @param <T> the message type
 */
public record ReceivedMessage<T>(T message, MessageContext context) {

    public ReceivedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(context, "context");
    }
}
