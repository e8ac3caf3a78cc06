package dev.justsaying.restaurantstatus.dashboard;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a group of timers (one meter name, several tag sets) had recorded up to one moment: count, total time and
 * their histogram buckets summed (bucket upper bound in ms → values at or below it). The difference of two readings
 * describes just the interval between them, so percentiles come from recent requests only — as Prometheus's
 * {@code histogram_quantile} over a {@code rate} does, not from everything since the start.
 */
record TimerReading(long count, double totalMillis, NavigableMap<Double, Double> cumulativeBuckets) {

    static final TimerReading NONE = new TimerReading(0, 0, new TreeMap<>());

    TimerReading {
        cumulativeBuckets = new TreeMap<>(cumulativeBuckets);
    }

    static TimerReading of(Collection<Timer> timers) {
        long count = 0;
        double total = 0;
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Timer timer : timers) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            count += snapshot.count();
            total += snapshot.total(TimeUnit.MILLISECONDS);
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        return new TimerReading(count, total, buckets);
    }

    /** This reading less an earlier one: the interval between them (nothing, if the timers were reset meanwhile). */
    TimerReading since(TimerReading earlier) {
        if (count < earlier.count) {
            return NONE;
        }
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : cumulativeBuckets.entrySet()) {
            buckets.put(bucket.getKey(), bucket.getValue() - earlier.cumulativeBuckets.getOrDefault(bucket.getKey(), 0.0));
        }
        return new TimerReading(count - earlier.count, totalMillis - earlier.totalMillis, buckets);
    }

    /** The mean in ms, or null when nothing was recorded. */
    Double meanMillis() {
        return count == 0 ? null : totalMillis / count;
    }

    /**
     * The {@code quantile} (0–1) in ms, interpolated linearly inside the bucket it falls in, or null when nothing was
     * recorded or the timers have no histogram; past the last bucket, that bucket's bound.
     */
    Double percentileMillis(double quantile) {
        if (count == 0 || cumulativeBuckets.isEmpty()) {
            return null;
        }
        double rank = quantile * count;
        double lowerBound = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulativeBuckets.entrySet()) {
            double atOrBelow = bucket.getValue();
            if (atOrBelow >= rank && atOrBelow > below) {
                return lowerBound + (bucket.getKey() - lowerBound) * (rank - below) / (atOrBelow - below);
            }
            lowerBound = bucket.getKey();
            below = atOrBelow;
        }
        return cumulativeBuckets.lastKey();
    }
}
