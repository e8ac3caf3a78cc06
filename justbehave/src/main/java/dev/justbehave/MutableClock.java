package dev.justbehave;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that stands still until the test moves it on, so code that reads the time (expiries, backoffs, caches) is
 * tested without waiting. Give it to the code under test in place of {@link Clock#systemUTC()}.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    private MutableClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at {@code start}. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /**
     * A clock standing at the real time of its creation (to the millisecond): for times that also meet a real clock
     * elsewhere, such as items whose TTL a server's sweeper compares with its own time.
     */
    public static MutableClock atNow() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Moves the clock on by {@code duration}. */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
