package dev.justsaying.ops;

import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queue facts the commands share: the bus's naming of error queues ({@code <queue>_error}, or
 * {@code <queue>_error.fifo} for a FIFO queue), the attribute holding why a message is there, and finding a queue by
 * name with a clear "not found".
 */
final class Queues {

    /** Set by the bus on a message it moves to an error queue. */
    static final String ERROR_REASON_ATTRIBUTE = "JustSaying.ErrorReason";

    private static final String ERROR_SUFFIX = "_error";
    private static final String FIFO_SUFFIX = ".fifo";

    private Queues() {
    }

    static boolean isFifo(String queueName) {
        return queueName.endsWith(FIFO_SUFFIX);
    }

    static boolean isErrorQueue(String queueName) {
        return baseName(queueName).endsWith(ERROR_SUFFIX);
    }

    /** The queue an error queue belongs to by the bus's naming, if the name is an error queue's. */
    static Optional<String> sourceQueueOf(String errorQueueName) {
        if (!isErrorQueue(errorQueueName)) {
            return Optional.empty();
        }
        String base = baseName(errorQueueName);
        String source = base.substring(0, base.length() - ERROR_SUFFIX.length());
        return Optional.of(isFifo(errorQueueName) ? source + FIFO_SUFFIX : source);
    }

    /** The last path segment of a queue URL. */
    static String nameOf(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    /** The URL of the queue of that name in the client's region; {@link OpsFailure#NOT_FOUND} if there is none. */
    static String urlOf(SqsClient sqs, String queueName, String region) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw OpsFailure.notFound("no queue named " + queueName + " in " + region);
        }
    }

    private static String baseName(String queueName) {
        return isFifo(queueName) ? queueName.substring(0, queueName.length() - FIFO_SUFFIX.length()) : queueName;
    }
}
