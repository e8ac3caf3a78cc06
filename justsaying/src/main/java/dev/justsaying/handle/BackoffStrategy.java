package dev.justsaying.handle;

import java.time.Duration;

/**
 * Decides how long a failed message stays invisible before its next try: from its receive count and why it failed.
 * The result becomes the message's new visibility timeout (capped by SQS at 12 hours).
 */
@FunctionalInterface
public interface BackoffStrategy {

    /** The delay before the next try of a message that failed for {@code failure} on receive {@code receiveCount}. */
    Duration delayBeforeRetry(int receiveCount, HandleResult failure);

    /** Exponential backoff with jitter: the default, see {@link ExponentialBackoff#defaults()}. */
    static BackoffStrategy exponential() {
        return ExponentialBackoff.defaults();
    }
}
