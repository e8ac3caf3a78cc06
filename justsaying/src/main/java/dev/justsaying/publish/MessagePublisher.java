package dev.justsaying.publish;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes messages to the topic or queue configured for their type, in the active region. Every method returns at
 * once; the future completes when AWS has accepted the message, or fails with a {@link PublishException}.
 */
public interface MessagePublisher {

    /** Publishes {@code message} with no options. */
    default CompletableFuture<PublishResult> publish(Object message) {
        return publish(message, PublishOptions.none());
    }

    CompletableFuture<PublishResult> publish(Object message, PublishOptions options);

    /**
     * Publishes any number of messages in batch calls of up to ten (and 256 KiB) per destination; entries AWS rejects
     * for reasons of its own are retried, alone. The future completes when every message is published or has
     * failed for good; it fails only for mistakes that concern the whole batch.
     */
    default CompletableFuture<BatchPublishResult> publishBatch(Collection<?> messages) {
        return publishBatch(messages, PublishOptions.none());
    }

    CompletableFuture<BatchPublishResult> publishBatch(Collection<?> messages, PublishOptions options);
}
