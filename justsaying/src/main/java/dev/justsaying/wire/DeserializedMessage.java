package dev.justsaying.wire;

import java.util.Objects;

/**
 * A message read from the wire together with the metadata that travelled in the same JSON object.
 *
 * @param message the message, of the requested type
 * @param metadata its JustSaying metadata
 * @param <T> the message type
 */
public record DeserializedMessage<T>(T message, MessageMetadata metadata) {

    /** Both parts are required. */
    public DeserializedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
    }
}
