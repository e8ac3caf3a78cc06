package dev.justsaying.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's one timer thread: lingering batches (auto-batched publishes, coalesced deletes) leave from it once
 * their linger is up, pollers resume from it after a pause, and subscription groups check from it for receives
 * waiting on a busy handler. {@code CompletableFuture.delayedExecutor} would run each such task on a new thread on a
 * machine of two cores or fewer (its common pool then has a single thread and is not used): a thread per batch.
 * Cancelled timers are removed at once, so batches that fill before their linger leave nothing behind. Internal to
 * the library.
 */
public final class LibraryTimer {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private LibraryTimer() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "justsaying-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code task} on the timer thread after {@code delay}; the task must be short and must not block. */
    public static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the timer thread every {@code period} until cancelled; short and non-blocking too. */
    public static ScheduledFuture<?> every(Runnable task, Duration period) {
        return TIMER.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }
}
