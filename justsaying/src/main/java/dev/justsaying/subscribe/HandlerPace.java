package dev.justsaying.subscribe;

import java.util.concurrent.TimeUnit;

/**
 * How long a handler's calls have taken lately (a moving average weighing about the last sixteen), to tell a quick
 * handler, whose messages one thread takes one after another, from one worth a thread per message. Updated without
 * a lock: a lost update only shifts the average a little.
 */
final class HandlerPace {

    /** Under this average, a receive's ten messages take about a millisecond on one thread. */
    static final long QUICK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final double WEIGHT = 1.0 / 16;

    private volatile double averageNanos;

    void took(long nanos) {
        averageNanos += (nanos - averageNanos) * WEIGHT;
    }

    boolean isQuick() {
        return averageNanos < QUICK_NANOS;
    }
}
