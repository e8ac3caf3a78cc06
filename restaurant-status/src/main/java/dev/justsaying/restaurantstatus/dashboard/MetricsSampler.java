package dev.justsaying.restaurantstatus.dashboard;

import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.monitoring.QueueDepthPoller;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Samples the service's own meters (the Micrometer registry, not a Prometheus scrape) every
 * {@code restaurant-status.dashboard.sample-interval} into a bounded history of {@link Sample}s: each point covers the
 * interval since the previous one (rates, recent percentiles), computed from the cumulative readings the previous
 * sample kept. Series of a role the process lacks are left out.
 */
public final class MetricsSampler {

    static final String ACCEPTED = "accepted";
    static final String LEGACY = "legacy";
    private static final String HTTP_TIMER = "http.server.requests";
    private static final Set<String> ACCEPTING_URIS = Set.of("/restaurants/{id}/status", "/restaurants/status");
    private static final String LEGACY_URI = "/legacy/restaurants/{id}/status";
    private static final List<String> STAGES = List.of("state", "sql", "sms", "event");
    /** The bus's region gauges (the library's Micrometer monitor). */
    private static final String REGION_ACTIVE_GAUGE = "justsaying.region.active";
    private static final String REGION_HEALTHY_GAUGE = "justsaying.region.healthy";
    /** The bus's subscription-group gauges. */
    private static final String GROUP_IN_FLIGHT_GAUGE = "justsaying.group.in.flight";
    private static final String GROUP_LIMIT_GAUGE = "justsaying.group.concurrency.limit";

    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean api;
    private final boolean worker;
    private final int history;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Map<String, TimerReading> previous = Map.of();
    private Map<String, Double> previousCounts = Map.of();
    private Instant previousTime;

    /**
     * @param api     whether this process runs the API (else its series are left out)
     * @param worker  whether it runs the Worker
     * @param history how many samples to keep
     */
    public MetricsSampler(MeterRegistry meters, Clock clock, boolean api, boolean worker, int history) {
        this.meters = meters;
        this.clock = clock;
        this.api = api;
        this.worker = worker;
        this.history = history;
    }

    public boolean api() {
        return api;
    }

    public boolean worker() {
        return worker;
    }

    /** The kept samples, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Scheduled(fixedRateString = "${restaurant-status.dashboard.sample-interval}")
    public synchronized void sample() {
        Instant now = clock.instant();
        Map<String, TimerReading> readings = timerReadings();
        Map<String, Double> counts = counts(readings);
        if (previousTime != null) {
            double seconds = Math.max(Duration.between(previousTime, now).toMillis(), 1) / 1000.0;
            Map<String, TimerReading> interval = new HashMap<>();
            readings.forEach((name, reading) ->
                    interval.put(name, reading.since(previous.getOrDefault(name, TimerReading.NONE))));
            samples.addLast(new Sample(now, latency(interval), rates(counts, seconds), stages(interval),
                    workerConcurrency(), queueDepths(), activeRegion(), healthyRegions()));
            while (samples.size() > history) {
                samples.removeFirst();
            }
        }
        previous = readings;
        previousCounts = counts;
        previousTime = now;
    }

    private Map<String, TimerReading> timerReadings() {
        Map<String, TimerReading> readings = new HashMap<>();
        if (api) {
            readings.put(ACCEPTED, TimerReading.of(meters.find(HTTP_TIMER).tag("status", "202").timers().stream()
                    .filter(timer -> ACCEPTING_URIS.contains(timer.getId().getTag("uri"))).toList()));
            readings.put(LEGACY, TimerReading.of(
                    meters.find(HTTP_TIMER).tag("uri", LEGACY_URI).tag("status", "200").timers()));
        }
        if (worker) {
            STAGES.forEach(stage -> readings.put("stage." + stage,
                    TimerReading.of(meters.find(StatusChangeWorker.STAGE_TIMER).tag("stage", stage).timers())));
            List.of("succeeded", "retried").forEach(outcome -> readings.put(outcome,
                    TimerReading.of(meters.find(StatusChangeWorker.COMMAND_TIMER).tag("outcome", outcome).timers())));
        }
        return readings;
    }

    /** Cumulative numbers of commands by what happened to them. */
    private Map<String, Double> counts(Map<String, TimerReading> readings) {
        Map<String, Double> counts = new LinkedHashMap<>();
        if (api) {
            counts.put(ACCEPTED, (double) readings.get(ACCEPTED).count());
        }
        if (worker) {
            counts.put("succeeded", (double) readings.get("succeeded").count());
            counts.put("retried", (double) readings.get("retried").count());
            counts.put("failed", meters.find(StatusChangeWorker.FAILED_COUNTER).counters().stream()
                    .mapToDouble(Counter::count).sum());
        }
        return counts;
    }

    private Map<String, Double> rates(Map<String, Double> counts, double seconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((state, count) ->
                rates.put(state, Math.max(0, count - previousCounts.getOrDefault(state, count)) / seconds));
        return rates;
    }

    private Map<String, Sample.Percentiles> latency(Map<String, TimerReading> interval) {
        Map<String, Sample.Percentiles> latency = new LinkedHashMap<>();
        if (api) {
            List.of(ACCEPTED, LEGACY).forEach(path -> latency.put(path, new Sample.Percentiles(
                    interval.get(path).percentileMillis(0.5), interval.get(path).percentileMillis(0.99))));
        }
        return latency;
    }

    private Map<String, Double> stages(Map<String, TimerReading> interval) {
        Map<String, Double> stages = new LinkedHashMap<>();
        if (worker) {
            STAGES.forEach(stage -> stages.put(stage, interval.get("stage." + stage).meanMillis()));
        }
        return stages;
    }

    private Map<String, Double> workerConcurrency() {
        Map<String, Double> concurrency = new LinkedHashMap<>();
        if (worker) {
            concurrency.put("inFlight", groupGauge(GROUP_IN_FLIGHT_GAUGE));
            concurrency.put("limit", groupGauge(GROUP_LIMIT_GAUGE));
        }
        return concurrency;
    }

    private Double groupGauge(String name) {
        Gauge gauge = meters.find(name).tag("group", MessagingConfiguration.COMMANDS_GROUP).gauge();
        return gauge == null ? null : finite(gauge.value());
    }

    private Map<String, Double> queueDepths() {
        Map<String, Double> depths = new TreeMap<>();
        for (Gauge gauge : meters.find(QueueDepthPoller.DEPTH_GAUGE).gauges()) {
            String queue = gauge.getId().getTag("queue");
            String kind = queue != null && queue.endsWith(MessagingConfiguration.ERROR_QUEUE_SUFFIX) ? "errors" : "commands";
            depths.put(kind + " " + gauge.getId().getTag("region"), finite(gauge.value()));
        }
        return depths;
    }

    private String activeRegion() {
        return gauges(REGION_ACTIVE_GAUGE).stream().filter(gauge -> gauge.value() == 1.0)
                .map(gauge -> gauge.getId().getTag("region")).findFirst().orElse(null);
    }

    private Map<String, Boolean> healthyRegions() {
        Map<String, Boolean> healthy = new TreeMap<>();
        gauges(REGION_HEALTHY_GAUGE).forEach(gauge -> healthy.put(gauge.getId().getTag("region"), gauge.value() == 1.0));
        return healthy;
    }

    private Collection<Gauge> gauges(String name) {
        return meters.find(name).gauges();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
