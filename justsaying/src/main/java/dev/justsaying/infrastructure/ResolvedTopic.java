package dev.justsaying.infrastructure;

import java.util.Objects;

/**
 * A topic as start-up found (or made) it: enough to publish to it and to subscribe queues to it.
 *
 * @param region the region the topic is in, e.g. {@code eu-west-1}
 * @param name   the topic's name
 * @param arn    the topic ARN, which publishes and subscriptions take
 */
public record ResolvedTopic(String region, String name, String arn) {

    public ResolvedTopic {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
    }
}
