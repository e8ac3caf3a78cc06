package dev.justsaying.publish;

import dev.justsaying.wire.MessageMetadata;
import java.util.Objects;

/**
 * A message on its way out, as each {@link PublishMiddleware} sees it: the message, the metadata it will carry, and
 * the options of the publish (attributes among them). Immutable: a middleware changes it by returning a copy.
 *
 * @param message  the message object
 * @param metadata its JustSaying metadata ({@code Id}, {@code Conversation}…)
 * @param options  attributes, delay, FIFO ids
 */
public record OutgoingMessage(Object message, MessageMetadata metadata, PublishOptions options) {

    public OutgoingMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(options, "options");
    }

    public OutgoingMessage withMetadata(MessageMetadata value) {
        return new OutgoingMessage(message, value, options);
    }

    public OutgoingMessage withOptions(PublishOptions value) {
        return new OutgoingMessage(message, metadata, value);
    }
}
