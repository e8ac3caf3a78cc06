package dev.justsaying.subscribe;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * A queue the bus reads, in one region, as resolved at start: its URL, its error queue, and after how many receives
 * a failing message goes there.
 *
 * @param region          the queue's region
 * @param name            the queue's name
 * @param url             the queue's URL
 * @param errorQueueUrl   where messages that cannot be handled go; empty if the queue has no error queue
 * @param maxReceiveCount the receive after which a failing message goes to the error queue
 * @param sqs             the client for the queue's region
 */
public record QueueEndpoint(String region, String name, String url, Optional<String> errorQueueUrl,
                            int maxReceiveCount, SqsAsyncClient sqs) {

    public QueueEndpoint {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(errorQueueUrl, "errorQueueUrl");
        Objects.requireNonNull(sqs, "sqs");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be positive, was " + maxReceiveCount);
        }
    }

    @Override
    public String toString() {
        return name + " in " + region;
    }
}
