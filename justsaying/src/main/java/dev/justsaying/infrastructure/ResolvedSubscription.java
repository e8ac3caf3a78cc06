package dev.justsaying.infrastructure;

import java.util.Objects;
import java.util.Optional;

/**
 * A queue's subscription to a topic as start-up found (or made) it.
 *
 * @param topic           the topic
 * @param queue           the subscribed queue
 * @param subscriptionArn the subscription's ARN; empty under {@link InfrastructureMode#ASSUME_EXISTS}, which makes
 *                        no call to look it up because nothing needs it to deliver
 */
public record ResolvedSubscription(ResolvedTopic topic, ResolvedQueue queue, Optional<String> subscriptionArn) {

    public ResolvedSubscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(subscriptionArn, "subscriptionArn (Optional.empty() if unknown)");
    }
}
