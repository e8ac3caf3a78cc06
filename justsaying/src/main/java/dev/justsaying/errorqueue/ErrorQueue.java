package dev.justsaying.errorqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * An error queue as people on call handle it — the one implementation behind {@code ops peek}/{@code ops redrive} and
 * restaurant-status's dashboard. {@link #peek} shows messages without consuming them; {@link #redriveAll} and
 * {@link #redrive} send messages back to their queue. Both walk the queue with {@code ReceiveMessage}, holding what
 * they received invisible while the walk goes on (30 s for a peek, 60 s for a redrive) so the next receive reaches
 * further, and give every message not moved back at once ({@code ChangeMessageVisibility 0}). SQS counts a peek as a
 * receive: the receive counts go up by one.
 */
public final class ErrorQueue {

    /** The message attribute in which the bus records why a message went to the error queue. */
    public static final String REASON_ATTRIBUTE = "JustSaying.ErrorReason";

    private static final Duration HOLD_WHILE_PEEKING = Duration.ofSeconds(30);
    private static final Duration HOLD_WHILE_MOVING = Duration.ofSeconds(60);
    private static final int SQS_BATCH = 10;
    private static final String ERROR_SUFFIX = "_error";
    private static final String FIFO_SUFFIX = ".fifo";

    private final SqsClient sqs;
    private final String queueUrl;

    /** The error queue at {@code queueUrl}; the caller owns (and closes) the client. */
    public ErrorQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Whether a queue name is an error queue's by the bus's naming ({@code <queue>_error}, {@code <queue>_error.fifo}). */
    public static boolean isErrorQueueName(String queueName) {
        return baseName(queueName).endsWith(ERROR_SUFFIX);
    }

    /** The queue an error queue belongs to by the bus's naming, if the name is an error queue's. */
    public static Optional<String> sourceQueueName(String errorQueueName) {
        if (!isErrorQueueName(errorQueueName)) {
            return Optional.empty();
        }
        String base = baseName(errorQueueName);
        String source = base.substring(0, base.length() - ERROR_SUFFIX.length());
        return Optional.of(isFifo(errorQueueName) ? source + FIFO_SUFFIX : source);
    }

    /** Up to {@code max} messages (at least 1), each given straight back: the queue is as it was. */
    public List<ErrorQueueMessage> peek(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<ErrorQueueMessage> peeked = new ArrayList<>();
        try (HeldMessages held = new HeldMessages(sqs, queueUrl, HOLD_WHILE_PEEKING)) {
            List<Message> batch;
            do {
                batch = held.receive(Math.min(SQS_BATCH, max - peeked.size()));
                batch.forEach(message -> peeked.add(ErrorQueueMessage.of(message)));
            } while (!batch.isEmpty() && peeked.size() < max);
        }
        return List.copyOf(peeked);
    }

    /** Sends every message on the error queue to the queue at {@code targetQueueUrl}; see {@link #redrive}. */
    public Redriven redriveAll(String targetQueueUrl) {
        return move(targetQueueUrl, true, Set.of());
    }

    /**
     * Sends the messages with these ids to the queue at {@code targetQueueUrl} with their body and attributes, minus
     * the reason, each deleted from the error queue only after its send succeeded: a failure half-way leaves a message
     * in both queues at worst, never in neither (a FIFO target gets the error-queue message id as deduplication id).
     *
     * @throws RedriveFailedException if SQS fails half-way; it says how many had moved
     */
    public Redriven redrive(String targetQueueUrl, Set<String> messageIds) {
        return move(targetQueueUrl, false, messageIds);
    }

    private Redriven move(String targetQueueUrl, boolean all, Set<String> messageIds) {
        Set<String> missing = new LinkedHashSet<>(messageIds);
        boolean fifoTarget = isFifo(targetQueueUrl);
        int moved = 0;
        try (HeldMessages held = new HeldMessages(sqs, queueUrl, HOLD_WHILE_MOVING)) {
            List<Message> batch;
            do {
                batch = held.receive(SQS_BATCH);
                for (Message message : batch) {
                    if (all || missing.remove(message.messageId())) {
                        moveOne(held, message, targetQueueUrl, fifoTarget);
                        moved++;
                    }
                }
            } while (!batch.isEmpty() && (all || !missing.isEmpty()));
        } catch (SdkException e) {
            throw new RedriveFailedException(moved, e);
        }
        return new Redriven(moved, missing);
    }

    private void moveOne(HeldMessages held, Message message, String targetQueueUrl, boolean fifoTarget) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.remove(REASON_ATTRIBUTE);
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(targetQueueUrl).messageBody(message.body()).messageAttributes(attributes);
        if (fifoTarget) {
            // the error-queue message id as deduplication id: a redrive repeated after a failed delete sends it once
            send.messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messageDeduplicationId(message.messageId());
        }
        sqs.sendMessage(send.build());
        held.delete(message);
    }

    private static boolean isFifo(String queueNameOrUrl) {
        return queueNameOrUrl.endsWith(FIFO_SUFFIX);
    }

    private static String baseName(String queueName) {
        return isFifo(queueName) ? queueName.substring(0, queueName.length() - FIFO_SUFFIX.length()) : queueName;
    }

    /**
     * What a redrive did.
     *
     * @param moved    messages sent back and deleted from the error queue
     * @param notFound ids asked for that were not on the error queue (or held by another consumer)
     */
    public record Redriven(int moved, Set<String> notFound) {
        public Redriven {
            notFound = Set.copyOf(notFound);
        }
    }

    /** SQS failed during a redrive; {@link #moved()} messages had moved by then. The cause is SQS's exception. */
    public static final class RedriveFailedException extends RuntimeException {
        private final int moved;

        RedriveFailedException(int moved, SdkException cause) {
            super("moved " + moved + " message(s) before: " + cause.getMessage(), cause);
            this.moved = moved;
        }

        public int moved() {
            return moved;
        }

        @Override
        public synchronized SdkException getCause() {
            return (SdkException) super.getCause();
        }
    }
}
