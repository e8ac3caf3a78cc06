package dev.justsaying.infrastructure;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Queues made and read directly, the way someone other than the bus would: the "existing infrastructure". */
final class LocalSqsQueues {

    private final SqsClient sqs;

    LocalSqsQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    String create(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    boolean exists(String name) {
        try {
            sqs.getQueueUrl(request -> request.queueName(name));
            return true;
        } catch (QueueDoesNotExistException e) {
            return false;
        }
    }

    String url(String name) {
        return sqs.getQueueUrl(request -> request.queueName(name)).queueUrl();
    }
}
