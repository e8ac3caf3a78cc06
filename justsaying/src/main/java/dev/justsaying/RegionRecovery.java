package dev.justsaying;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a region that was unreachable when the bus started: tries its start-up tasks again every few seconds,
 * with a growing pause (up to 30 s), until they succeed; then the region's destinations and queues join the running
 * bus.
 */
final class RegionRecovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegionRecovery.class);
    private static final long FIRST_PAUSE_MILLIS = 2_000;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final Function<String, CompletableFuture<Void>> setUp;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "justsaying-region-recovery");
        thread.setDaemon(true);
        return thread;
    });

    /** @param setUp runs a region's start-up tasks and adds what they resolved to the bus */
    RegionRecovery(Function<String, CompletableFuture<Void>> setUp) {
        this.setUp = setUp;
    }

    void recover(String region) {
        schedule(region, FIRST_PAUSE_MILLIS);
    }

    private void schedule(String region, long pauseMillis) {
        if (scheduler.isShutdown()) {
            return;
        }
        scheduler.schedule(() -> setUp.apply(region).whenComplete((ignored, error) -> {
            if (error == null) {
                log.info("Region {} answers again: its queues, topics and subscriptions are set up and in use", region);
            } else {
                log.debug("Region {} still cannot be set up: {}", region, error.toString());
                schedule(region, Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2));
            }
        }), pauseMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
