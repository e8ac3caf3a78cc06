package dev.justsaying.wire;

import java.util.Map;
import java.util.Objects;

/**
 * A message ready to hand to AWS, produced by {@link MessageWriter}.
 *
 * <ul>
 *   <li>{@link Destination#TOPIC}: {@code PublishRequest.message(body).subject(subject).messageAttributes(...)}.
 *       Always set the subject: JustSaying .NET (v7) finds the message type by it.</li>
 *   <li>{@link Destination#QUEUE} and {@link Destination#RAW_QUEUE}:
 *       {@code SendMessageRequest.messageBody(body).messageAttributes(...)}.</li>
 * </ul>
 * {@link SdkMessageAttributes} converts the attributes to the SDK's types.
 *
 * @param body the SNS message or SQS body
 * @param subject the message type name (the SNS {@code Subject})
 * @param attributes the message attributes to send, including {@code Content-Encoding} when compressed
 * @param compressed whether the message JSON was compressed
 * @param sizeBytes body plus attributes as AWS counts them
 */
public record OutboundMessage(
        String body, String subject, Map<String, MessageAttribute> attributes, boolean compressed, int sizeBytes) {

    /** Requires body and subject; copies the attributes. */
    public OutboundMessage {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(subject, "subject");
        attributes = Map.copyOf(attributes);
    }
}
