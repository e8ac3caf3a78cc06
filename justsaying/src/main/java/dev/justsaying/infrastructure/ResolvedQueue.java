package dev.justsaying.infrastructure;

import java.util.Objects;
import java.util.Optional;

/**
 * A queue as start-up found (or made) it: everything needed to send to it, receive from it, subscribe it and
 * report it, and its error queue if it has one.
 *
 * @param region     the region the queue is in, e.g. {@code eu-west-1}
 * @param name       the queue's name
 * @param url        the queue URL, which SQS calls take
 * @param arn        the queue ARN, which subscriptions and policies name
 * @param errorQueue the queue its messages move to after too many receives, if any
 */
public record ResolvedQueue(String region, String name, String url, String arn, Optional<ResolvedQueue> errorQueue) {

    public ResolvedQueue {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(errorQueue, "errorQueue (Optional.empty() for none)");
    }

    /** This queue with the given error queue. */
    ResolvedQueue withErrorQueue(ResolvedQueue error) {
        return new ResolvedQueue(region, name, url, arn, Optional.of(error));
    }
}
