package dev.justsaying.subscribe;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket for a subscription group's messages-per-second limit: the dispatcher takes a token per message it
 * starts, waiting when the bucket is short. The bucket holds one second's worth, so short bursts pass. Messages
 * waiting for tokens stay in the group's bounded buffer.
 */
final class RateLimiter {

    private final double perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
        this.tokens = Math.max(1.0, perSecond);
    }

    void acquire(int messages) throws InterruptedException {
        long waitNanos = reserve(messages);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    private synchronized long reserve(int messages) {
        long now = System.nanoTime();
        tokens = Math.min(Math.max(1.0, perSecond), tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        tokens -= messages;
        return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }
}
