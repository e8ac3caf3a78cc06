package dev.justsaying.subscribe;

import java.time.Duration;
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
 * @param visibilityTimeout how long a received message stays invisible, as configured for the queue
 */
public record QueueEndpoint(String region, String name, String url, Optional<String> errorQueueUrl,
                            int maxReceiveCount, SqsAsyncClient sqs, Duration visibilityTimeout) {

    /** The SQS default visibility timeout, assumed when the queue's own is not known. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    public QueueEndpoint {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(errorQueueUrl, "errorQueueUrl");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be positive, was " + maxReceiveCount);
        }
    }

    /** A queue with the SQS default visibility timeout. */
    public QueueEndpoint(String region, String name, String url, Optional<String> errorQueueUrl, int maxReceiveCount,
                         SqsAsyncClient sqs) {
        this(region, name, url, errorQueueUrl, maxReceiveCount, sqs, DEFAULT_VISIBILITY_TIMEOUT);
    }

    /** Whether this is a FIFO queue (its name ends in {@code .fifo}). */
    public boolean isFifo() {
        return name.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return name + " in " + region;
    }
}
