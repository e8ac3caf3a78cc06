package dev.justsaying.subscribe;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many messages a subscription group handles at once, changeable while the bus runs. Raising the limit lets
 * waiting messages start at once; lowering it lets the messages in flight finish and starts no new one until the
 * count is under the new limit.
 */
public final class ConcurrencyLimit {

    private final ResizableSemaphore permits;
    private int limit;

    ConcurrencyLimit(int limit) {
        checkLimit(limit);
        this.limit = limit;
        this.permits = new ResizableSemaphore(limit);
    }

    /** The current limit. */
    public synchronized int limit() {
        return limit;
    }

    /** Messages being handled now. Right after the limit is lowered it may be above the limit, never after. */
    public synchronized int inFlight() {
        return limit - permits.availablePermits();
    }

    /** Sets a new limit, effective at once for messages not yet started. */
    public synchronized void setLimit(int newLimit) {
        checkLimit(newLimit);
        int change = newLimit - limit;
        if (change > 0) {
            permits.release(change);
        } else if (change < 0) {
            permits.shrink(-change);
        }
        limit = newLimit;
    }

    void acquire() throws InterruptedException {
        permits.acquire();
    }

    boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return permits.tryAcquire(timeout, unit);
    }

    void release() {
        permits.release();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a concurrency limit is between 1 and 10000, was " + limit);
        }
    }

    @Override
    public String toString() {
        return "ConcurrencyLimit[" + limit() + ", in flight " + inFlight() + "]";
    }

    /** A semaphore whose permits can also be taken away, possibly below zero. */
    private static final class ResizableSemaphore extends Semaphore {
        private static final long serialVersionUID = 1L;

        ResizableSemaphore(int permits) {
            super(permits, true);
        }

        void shrink(int by) {
            reducePermits(by);
        }
    }
}
