package dev.justsaying.ops;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queue look-ups the commands share: a queue's name from its URL, and finding a queue by name with a clear
 * "not found". The bus's naming of error queues lives with {@link dev.justsaying.errorqueue.ErrorQueue}.
 */
final class Queues {

    private Queues() {
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
}
