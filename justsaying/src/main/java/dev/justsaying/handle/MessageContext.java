package dev.justsaying.handle;

import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.MessageMetadata;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about a received message except the message itself: where it came from, how often it was received,
 * its attributes and the metadata JustSaying messages carry ({@code Id}, {@code TimeStamp}, {@code Conversation}…).
 *
 * @param messageId     the SQS message id (unique per send, shared by redeliveries)
 * @param typeName      the message type name on the wire, e.g. {@code OrderPlaced}
 * @param metadata      the JustSaying metadata read from the message body
 * @param receiveCount  how many times SQS has handed this message out, this time included
 * @param sentAt        when SQS accepted the message
 * @param attributes    the message attributes, SNS envelope and native SQS ones merged
 * @param queueName     the queue it was received from
 * @param queueUrl      that queue's URL
 * @param region        that queue's region
 */
public record MessageContext(
        String messageId,
        String typeName,
        MessageMetadata metadata,
        int receiveCount,
        Instant sentAt,
        Map<String, MessageAttribute> attributes,
        String queueName,
        String queueUrl,
        String region) {

    public MessageContext {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(sentAt, "sentAt");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(queueName, "queueName");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(region, "region");
        if (receiveCount < 1) {
            throw new IllegalArgumentException("a received message has been received at least once, was " + receiveCount);
        }
    }

    /** The string value of the attribute of that name, if present and not binary. */
    public Optional<String> stringAttribute(String name) {
        return Optional.ofNullable(attributes.get(name))
                .filter(attribute -> !attribute.isBinary())
                .map(MessageAttribute::stringValue);
    }
}
