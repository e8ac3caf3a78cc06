package dev.justsaying.wire;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EnvelopeReader} found in an SQS message: which shape it had, the message type name if the wire said
 * it, the message JSON (already decompressed), every message attribute, and the SNS ids when SNS delivered it.
 *
 * <p>{@code messageJson} has not been parsed yet: {@link MessageSerializer#deserialize} reports it if it is not a
 * valid JSON object.
 *
 * @param shape how the body was wrapped
 * @param messageType the type name: SNS {@code Subject}, envelope {@code Subject} or the type attribute of a raw
 *     message; empty when the wire does not say (then the subscription's only type applies)
 * @param messageJson the message JSON, decompressed if it arrived compressed
 * @param attributes SNS envelope attributes merged over the native SQS attributes (the envelope's win on a clash),
 *     including {@code Content-Encoding} when the body was compressed
 * @param snsMessageId the SNS {@code MessageId}, for {@link EnvelopeShape#SNS_NOTIFICATION} only
 * @param topicArn the SNS {@code TopicArn}, for {@link EnvelopeShape#SNS_NOTIFICATION} only
 */
public record ReceivedEnvelope(
        EnvelopeShape shape,
        Optional<String> messageType,
        String messageJson,
        Map<String, MessageAttribute> attributes,
        Optional<String> snsMessageId,
        Optional<String> topicArn) {

    /** Requires every component; copies the attributes. */
    public ReceivedEnvelope {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(messageJson, "messageJson");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(snsMessageId, "snsMessageId");
        Objects.requireNonNull(topicArn, "topicArn");
    }

    /** The attribute of that name, if present. */
    public Optional<MessageAttribute> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The string value of a non-binary attribute of that name (e.g. {@link WireAttributes#TRACEPARENT}), if present. */
    public Optional<String> stringAttribute(String name) {
        return attribute(name).map(MessageAttribute::stringValue);
    }
}
