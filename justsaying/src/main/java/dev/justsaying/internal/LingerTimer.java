package dev.justsaying.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread from which the library's lingering batches (auto-batched publishes, coalesced deletes) leave
 * once their linger is up. {@code CompletableFuture.delayedExecutor} would run each such task on a new thread on a
 * machine of two cores or fewer (its common pool then has a single thread and is not used): a thread per batch.
 * Cancelled timers are removed at once, so batches that fill before their linger leave nothing behind. Internal to
 * the library.
 */
public final class LingerTimer {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private LingerTimer() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "justsaying-linger");
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
}
