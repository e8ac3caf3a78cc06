package dev.justsaying.handle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the delay doubles with each receive, from {@code initial} up to
 * {@code max}, and half of it is random so that messages failing together do not come back together.
 * With the defaults (1 s, ×2, at most 5 minutes) a message is retried after about 1, 2, 4, 8 s…
 */
public final class ExponentialBackoff implements BackoffStrategy {

    /** SQS accepts visibility timeouts up to 12 hours. */
    public static final Duration SQS_MAX_VISIBILITY = Duration.ofHours(12);

    private static final ExponentialBackoff DEFAULTS =
            new ExponentialBackoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), () -> ThreadLocalRandom.current().nextDouble());

    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final DoubleSupplier random;

    private ExponentialBackoff(Duration initial, double multiplier, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
        this.random = random;
    }

    /** 1 second, doubling, at most 5 minutes. */
    public static ExponentialBackoff defaults() {
        return DEFAULTS;
    }

    /** A backoff starting at {@code initial}, multiplied by {@code multiplier} per receive, capped at {@code max}. */
    public static ExponentialBackoff of(Duration initial, double multiplier, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial delay must be positive, was " + initial);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("the multiplier must be at least 1, was " + multiplier);
        }
        if (max.compareTo(initial) < 0 || max.compareTo(SQS_MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("the maximum must be between the initial delay and 12 hours, was " + max);
        }
        return new ExponentialBackoff(initial, multiplier, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same backoff drawing its jitter from {@code random} (values in [0, 1)), for repeatable tests. */
    public ExponentialBackoff withRandom(DoubleSupplier random) {
        return new ExponentialBackoff(initial, multiplier, max, Objects.requireNonNull(random, "random"));
    }

    @Override
    public Duration delayBeforeRetry(int receiveCount, HandleResult failure) {
        double exponent = Math.max(0, receiveCount - 1);
        double ceilingMillis = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, exponent));
        double half = ceilingMillis / 2.0;
        return Duration.ofMillis(Math.round(half + half * random.getAsDouble()));
    }

    @Override
    public String toString() {
        return "ExponentialBackoff[initial=" + initial + ", multiplier=" + multiplier + ", max=" + max + ", equal jitter]";
    }
}
