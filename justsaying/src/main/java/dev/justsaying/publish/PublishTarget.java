package dev.justsaying.publish;

import dev.justsaying.wire.Destination;
import dev.justsaying.wire.OutboundMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One destination in one region, resolved at start: an SNS topic or an SQS queue. It sends written messages and
 * says, per batch entry, what AWS made of each.
 */
public sealed interface PublishTarget permits TopicTarget, QueueTarget {

    String region();

    /** The topic ARN or queue URL. */
    String address();

    /** The body shape this destination takes. */
    Destination wireDestination();

    /** Sends one message; completes with the id AWS gave it. */
    CompletableFuture<String> send(OutboundMessage message, PublishOptions options);

    /** Sends up to ten messages in one call; one outcome per message, in order. */
    CompletableFuture<List<EntryOutcome>> sendBatch(List<OutboundMessage> messages, PublishOptions options);

    /**
     * What AWS made of one batch entry.
     *
     * @param messageId   the id AWS gave it, or null if it failed
     * @param error       the AWS error code and message, or null if it was accepted
     * @param senderFault whether the failure was the sender's (no retry mends it)
     */
    record EntryOutcome(String messageId, String error, boolean senderFault) {

        static EntryOutcome accepted(String messageId) {
            return new EntryOutcome(messageId, null, false);
        }

        static EntryOutcome failed(String code, String message, boolean senderFault) {
            return new EntryOutcome(null, code + ": " + message, senderFault);
        }

        boolean isAccepted() {
            return messageId != null;
        }
    }
}
