package dev.justsaying.publish;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How often, and how far apart, a publish that failed for a reason that may pass — the network, throttling, an AWS
 * 5xx — is tried again (each try goes through every region the publisher may use); a mistake of the sender's (an
 * invalid parameter, a missing topic) fails at once. This sits above the AWS SDK's own quick retries and rides out
 * longer trouble. Immutable.
 */
public final class PublishRetry {

    private static final PublishRetry DEFAULTS = new PublishRetry(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    private final int attempts;
    private final Duration initialDelay;
    private final Duration maxDelay;

    private PublishRetry(int attempts, Duration initialDelay, Duration maxDelay) {
        this.attempts = attempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /** 3 attempts, 100 ms then doubling, at most 2 s apart. */
    public static PublishRetry defaults() {
        return DEFAULTS;
    }

    /** No retries beyond the SDK's own. */
    public static PublishRetry none() {
        return new PublishRetry(1, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    public static PublishRetry of(int attempts, Duration initialDelay, Duration maxDelay) {
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("publish attempts are between 1 and 100, was " + attempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initial <= max");
        }
        return new PublishRetry(attempts, initialDelay, maxDelay);
    }

    public int attempts() {
        return attempts;
    }

    /** The delay before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        long millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(millis);
    }

    /** Whether a failure may pass: a network error, throttling, or a server-side AWS error. */
    public static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return cause instanceof SdkClientException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public String toString() {
        return attempts + " attempts, backoff " + initialDelay.toMillis() + "-" + maxDelay.toMillis() + " ms";
    }
}
