package dev.justsaying.region;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the region to publish to, on every publish. It starts from the preferred region — what the user's
 * supplier names, or the primary — and, with automatic failover, moves past regions that have failed: after
 * consecutive failures a region is marked unhealthy and publishing goes to the next healthy region in the
 * configured order; probes bring it back once it has been healthy long enough (see {@link FailoverPolicy}).
 *
 * <p>A supplier that throws or names a region the bus does not have is logged and the primary used: a bad
 * supplier never loses a message. Every switch of the active region is logged once, with its cause and the detail,
 * and reported to listeners with its cause alone: one of {@link #FAILOVER}, {@link #FAILBACK} or
 * {@link #PREFERRED_REGION_CHANGED}, few enough values to tag a metric with.
 */
public final class ActiveRegion implements AutoCloseable {

    /** Cause of a switch away from the preferred region, which is unhealthy. */
    public static final String FAILOVER = "failover";
    /** Cause of a switch back to the preferred region, which is healthy again. */
    public static final String FAILBACK = "failback";
    /** Cause of a switch because the active-region supplier names another region. */
    public static final String PREFERRED_REGION_CHANGED = "preferred-region-changed";

    private static final Logger log = LoggerFactory.getLogger(ActiveRegion.class);

    private final List<String> regions;
    private final Supplier<String> preferred;
    private final FailoverPolicy policy;
    private final Clock clock;
    private final Map<String, Health> health = new LinkedHashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private ScheduledExecutorService prober;
    private Function<String, CompletableFuture<?>> probe;
    private String lastActive;
    private String lastWanted;
    private String lastSupplierProblem;

    /**
     * @param regions   the configured regions, primary first
     * @param preferred names the preferred region (the user's supplier, or the primary)
     * @param policy    automatic failover thresholds; null for no automatic failover
     */
    public ActiveRegion(List<String> regions, Supplier<String> preferred, FailoverPolicy policy, Clock clock) {
        this.regions = List.copyOf(regions);
        this.preferred = Objects.requireNonNull(preferred, "preferred");
        this.policy = policy;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.regions.forEach(region -> health.put(region, new Health()));
        this.lastActive = this.regions.get(0);
        this.lastWanted = this.regions.get(0);
    }

    /** Told when the active region or a region's health changes. */
    public interface Listener {
        default void activeRegionChanged(String from, String to, String cause) {
        }

        default void regionHealthChanged(String region, boolean healthy, String cause) {
        }
    }

    public synchronized void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts probing unhealthy regions with {@code probe} (a cheap call that fails while the region is down). */
    public synchronized void startProbing(Function<String, CompletableFuture<?>> probeCall) {
        if (policy == null || prober != null) {
            return;
        }
        this.probe = probeCall;
        this.prober = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "justsaying-region-probe");
            thread.setDaemon(true);
            return thread;
        });
        long every = policy.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probeUnhealthy, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether automatic failover is on. */
    public boolean isAutomatic() {
        return policy != null;
    }

    /** The region to publish to now. */
    public String current() {
        List<String> order = publishOrder();
        return order.get(0);
    }

    /**
     * Every region in the order a publish should try them: the preferred one if healthy, then the other healthy ones
     * in configured order, then the unhealthy ones (a publish still tries them rather than fail outright).
     */
    public synchronized List<String> publishOrder() {
        String wanted = preferredRegion();
        List<String> order = new ArrayList<>(regions.size());
        if (isHealthy(wanted)) {
            order.add(wanted);
        }
        regions.stream().filter(region -> !order.contains(region) && isHealthy(region)).forEach(order::add);
        if (!order.contains(wanted)) {
            order.add(wanted);
        }
        regions.stream().filter(region -> !order.contains(region)).forEach(order::add);
        String now = order.get(0);
        String previouslyWanted = lastWanted;
        lastWanted = wanted;
        if (!now.equals(lastActive)) {
            String cause = !wanted.equals(previouslyWanted) ? PREFERRED_REGION_CHANGED
                    : now.equals(wanted) ? FAILBACK : FAILOVER;
            String detail = cause.equals(PREFERRED_REGION_CHANGED) ? "the active-region supplier names " + wanted
                    : cause.equals(FAILBACK) ? wanted + " is healthy again" : wanted + " is unhealthy";
            log.warn("The active region moves from {} to {} ({}): {}", lastActive, now, cause, detail);
            String from = lastActive;
            lastActive = now;
            listeners.forEach(listener -> listener.activeRegionChanged(from, now, cause));
        }
        return order;
    }

    /** Whether publishing considers the region healthy. */
    public synchronized boolean isHealthy(String region) {
        Health state = health.get(region);
        return state == null || state.healthy;
    }

    /** The health of every region, in configured order. */
    public synchronized Map<String, Boolean> healthByRegion() {
        Map<String, Boolean> copy = new LinkedHashMap<>();
        health.forEach((region, state) -> copy.put(region, state.healthy));
        return copy;
    }

    /** A publish (or a receive that follows the active region) succeeded in {@code region}. */
    public synchronized void succeeded(String region) {
        Health state = health.get(region);
        if (state != null && state.healthy) {
            state.failuresInARow = 0;
        }
    }

    /** A publish (or a receive that follows the active region) failed in {@code region}: an error, a timeout. */
    public void failed(String region, Throwable cause) {
        String reason;
        synchronized (this) {
            Health state = health.get(region);
            if (policy == null || state == null || !state.healthy) {
                return;
            }
            state.failuresInARow++;
            if (state.failuresInARow < policy.failuresBeforeFailover()) {
                return;
            }
            reason = state.failuresInARow + " calls in a row failed, last: " + cause;
        }
        markDown(region, reason);
    }

    /** Marks {@code region} unhealthy at once (it could not be reached at start, say); probes bring it back. */
    public void markDown(String region, String reason) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (this) {
            Health state = health.get(region);
            if (policy == null || state == null || !state.healthy) {
                return;
            }
            state.healthy = false;
            state.markedAt = clock.instant();
            state.probesInARow = 0;
            log.warn("Region {} is unhealthy: {}", region, reason);
            listeners.forEach(listener -> notifications.add(() -> listener.regionHealthChanged(region, false, reason)));
        }
        notifications.forEach(Runnable::run);
    }

    private void probeUnhealthy() {
        List<String> unhealthy;
        synchronized (this) {
            unhealthy = health.entrySet().stream().filter(entry -> !entry.getValue().healthy).map(Map.Entry::getKey).toList();
        }
        for (String region : unhealthy) {
            CompletableFuture<?> call;
            try {
                call = probe.apply(region);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.handle((ignored, error) -> {
                probed(region, error == null);
                return null;
            });
        }
    }

    /** A probe of an unhealthy region ended; enough good probes, long enough away, and it is healthy again. */
    void probed(String region, boolean ok) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (this) {
            Health state = health.get(region);
            if (state == null || state.healthy) {
                return;
            }
            state.probesInARow = ok ? state.probesInARow + 1 : 0;
            boolean awayLongEnough = !clock.instant().isBefore(state.markedAt.plus(policy.minimumTimeAway()));
            if (state.probesInARow >= policy.probesBeforeFailback() && awayLongEnough) {
                state.healthy = true;
                state.failuresInARow = 0;
                String reason = state.probesInARow + " probes in a row succeeded";
                log.info("Region {} is healthy again: {}", region, reason);
                listeners.forEach(listener -> notifications.add(() -> listener.regionHealthChanged(region, true, reason)));
            }
        }
        notifications.forEach(Runnable::run);
    }

    private String preferredRegion() {
        String wanted;
        try {
            wanted = preferred.get();
        } catch (RuntimeException e) {
            reportSupplierProblem("the active-region supplier threw " + e + "; publishing to the primary " + regions.get(0));
            return regions.get(0);
        }
        if (wanted == null || !health.containsKey(wanted)) {
            reportSupplierProblem("the active-region supplier named '" + wanted + "', which is not one of " + regions
                    + "; publishing to the primary " + regions.get(0));
            return regions.get(0);
        }
        lastSupplierProblem = null;
        return wanted;
    }

    private void reportSupplierProblem(String problem) {
        if (!problem.equals(lastSupplierProblem)) {
            log.error(problem);
            lastSupplierProblem = problem;
        }
    }

    @Override
    public synchronized void close() {
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }

    private static final class Health {
        private boolean healthy = true;
        private int failuresInARow;
        private int probesInARow;
        private Instant markedAt = Instant.EPOCH;
    }
}
