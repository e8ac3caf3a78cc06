package dev.justsaying.errorqueue;

import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MalformedMessageException;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A message on an error queue as a person looks at it: its SQS id, receive count, why the bus gave up on it, and the
 * JustSaying message itself, taken out of its SNS (or JustSaying) envelope by the library's own reader; a body that
 * reader cannot read is shown as it is.
 *
 * @param id           the SQS message id (what a redrive of chosen messages takes)
 * @param receiveCount SQS's ApproximateReceiveCount, which counts the peek that read it too ("?" if SQS gave none)
 * @param errorReason  the {@value ErrorQueue#REASON_ATTRIBUTE} attribute, if the bus set one
 * @param message      the inner message JSON, or the raw body
 */
public record ErrorQueueMessage(String id, String receiveCount, Optional<String> errorReason, String message) {

    private static final EnvelopeReader ENVELOPES = new EnvelopeReader(WireOptions.defaults());

    static ErrorQueueMessage of(Message message) {
        Optional<String> reason = Optional.ofNullable(message.messageAttributes().get(ErrorQueue.REASON_ATTRIBUTE))
                .map(MessageAttributeValue::stringValue);
        String receiveCount = message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "?");
        return new ErrorQueueMessage(message.messageId(), receiveCount, reason, innerMessage(message));
    }

    private static String innerMessage(Message message) {
        try {
            return ENVELOPES.read(message.body(), SdkMessageAttributes.fromSqs(message.messageAttributes()))
                    .messageJson();
        } catch (MalformedMessageException unreadable) {
            return message.body();
        }
    }
}
