package dev.justsaying.publish;

import java.time.Duration;
import java.util.Objects;

/**
 * How the publisher coalesces concurrent single publishes into batch calls: a publish waits at most {@code linger}
 * for others to the same destination (a batch leaves as soon as it holds ten messages or 256 KiB), and at most
 * {@code maxPendingMessages} publishes may be waiting or in flight at once — beyond that a publish fails at once
 * with a {@link PublishException} rather than blocking its caller or growing memory without bound. Immutable.
 */
public final class AutoBatching {

    private static final Duration MAX_LINGER = Duration.ofSeconds(1);

    private final Duration linger;
    private final int maxPendingMessages;

    private AutoBatching(Duration linger, int maxPendingMessages) {
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative() || linger.isZero() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("linger is more than 0 and at most 1 s, was " + linger);
        }
        if (maxPendingMessages < 10 || maxPendingMessages > 1_000_000) {
            throw new IllegalArgumentException("maxPendingMessages is between 10 and 1000000, was " + maxPendingMessages);
        }
        this.linger = linger;
        this.maxPendingMessages = maxPendingMessages;
    }

    /** A 5 ms linger and at most 10,000 publishes pending. */
    public static AutoBatching defaults() {
        return new AutoBatching(Duration.ofMillis(5), 10_000);
    }

    /** The longest a publish waits for others to share its batch call. */
    public Duration linger() {
        return linger;
    }

    /** The most publishes waiting for a batch or in flight at once; more fail at once. */
    public int maxPendingMessages() {
        return maxPendingMessages;
    }

    public AutoBatching withLinger(Duration value) {
        return new AutoBatching(value, maxPendingMessages);
    }

    public AutoBatching withMaxPendingMessages(int value) {
        return new AutoBatching(linger, value);
    }

    @Override
    public String toString() {
        return "auto-batching (linger " + linger.toMillis() + " ms, at most " + maxPendingMessages + " pending)";
    }
}
