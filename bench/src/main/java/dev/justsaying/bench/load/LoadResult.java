package dev.justsaying.bench.load;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one open-loop run measured. Latencies are in microseconds from each request's <em>intended</em> send time
 * to its answer, for 2xx answers only; everything else is counted in {@code errors} by kind ({@code "HTTP 503"},
 * {@code "ConnectException"}, {@code "unanswered"} for requests still open when the run gave up waiting).
 *
 * @param scheduled       requests the schedule owed (rate × seconds)
 * @param succeeded       2xx answers
 * @param errors          the other outcomes by kind, sorted by name
 * @param latencyMicros   every 2xx answer's latency
 * @param perSecondMicros the same, one histogram per second of intended send time (latency over time)
 * @param elapsedSeconds  from the first intended send to the last answer
 */
public record LoadResult(long scheduled, long succeeded, SortedMap<String, Long> errors, Histogram latencyMicros,
                         List<Histogram> perSecondMicros, double elapsedSeconds) {

    public LoadResult {
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
        perSecondMicros = List.copyOf(perSecondMicros);
    }

    /** All non-2xx outcomes together. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** 2xx answers per second over the whole run. */
    public double achievedPerSecond() {
        return elapsedSeconds <= 0 ? 0 : succeeded / elapsedSeconds;
    }

    /** The latency at {@code percentile} (0-100) in milliseconds. */
    public double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1e3;
    }

    /** The worst latency in milliseconds. */
    public double maxMillis() {
        return latencyMicros.getMaxValue() / 1e3;
    }
}
