package dev.justsaying.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries a publish that failed for a reason that may pass — the network, throttling, an AWS 5xx — with exponential
 * backoff; a mistake of the sender's (an invalid parameter, a missing topic) fails at once. This sits above the AWS
 * SDK's own quick retries and rides out longer trouble. Immutable.
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

    /** Runs {@code call} until it succeeds, fails for good, or the attempts run out. */
    public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
        return attempt(call, 1);
    }

    /** The delay before attempt {@code attempt + 1}. */
    Duration delayAfter(int attempt) {
        long millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(millis);
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call, int attempt) {
        CompletableFuture<T> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrap(error);
            if (attempt >= attempts || !isTransient(cause)) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(delayAfter(attempt).toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> attempt(call, attempt + 1));
        }).thenCompose(stage -> stage);
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
