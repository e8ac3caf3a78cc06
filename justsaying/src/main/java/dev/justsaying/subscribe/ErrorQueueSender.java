package dev.justsaying.subscribe;

import dev.justsaying.errorqueue.ErrorQueue;
import dev.justsaying.monitoring.MessageMonitor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves a message that cannot be handled to its queue's error queue, with the reason in a message attribute, and
 * only then deletes it from its queue: if the move fails, the message stays where it was and comes back, so nothing
 * is lost. A queue without an error queue keeps the message (its own redrive policy, if any, applies).
 */
final class ErrorQueueSender {

    /** The message attribute that records why a message went to the error queue. */
    static final String REASON_ATTRIBUTE = ErrorQueue.REASON_ATTRIBUTE;

    private static final Logger log = LoggerFactory.getLogger(ErrorQueueSender.class);
    private static final int SQS_MAX_ATTRIBUTES = 10;
    private static final int MAX_REASON_LENGTH = 1_000;

    private final MessageMonitor monitor;

    ErrorQueueSender(MessageMonitor monitor) {
        this.monitor = monitor;
    }

    /** Completes with whether the message left its queue for the error queue. */
    CompletableFuture<Boolean> move(QueueEndpoint endpoint, QueueAcknowledger acknowledger, Message message,
                                    String type, String reason) {
        if (endpoint.errorQueueUrl().isEmpty()) {
            log.error("Message {} on {} cannot be handled ({}) and the queue has no error queue: it stays on the queue",
                    message.messageId(), endpoint, reason);
            return CompletableFuture.completedFuture(false);
        }
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        if (attributes.size() < SQS_MAX_ATTRIBUTES) {
            attributes.put(REASON_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                    .stringValue(truncate(reason)).build());
        }
        return endpoint.sqs()
                .sendMessage(b -> b.queueUrl(endpoint.errorQueueUrl().get()).messageBody(message.body())
                        .messageAttributes(attributes))
                .thenCompose(sent -> acknowledger.delete(message.receiptHandle()))
                .handle((deleted, error) -> {
                    if (error != null) {
                        log.warn("Could not move message {} on {} to its error queue ({}); it stays on the queue: {}",
                                message.messageId(), endpoint, reason, error.toString());
                        return false;
                    }
                    log.warn("Moved message {} of type {} from {} to its error queue: {}", message.messageId(), type,
                            endpoint, reason);
                    monitor.sentToErrorQueue(type, endpoint.name(), endpoint.region(), reason);
                    return true;
                });
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
