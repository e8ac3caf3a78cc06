package dev.justsaying.bench.load;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram as scraped: cumulative counts by bucket upper bound ({@code le}), summed over every label
 * set of the metric. Two scrapes subtracted give the observations made between them, and a percentile of those is
 * known only to the resolution of the buckets: {@link #percentile} names the bucket the observation falls in.
 *
 * @param cumulative observations at or below each upper bound, in seconds ({@code +Inf} as
 *                   {@link Double#POSITIVE_INFINITY})
 */
record BucketHistogram(NavigableMap<Double, Long> cumulative) {

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** The bucket an observation falls in: above {@code lowerSeconds}, at most {@code upperSeconds}. */
    record Bucket(double lowerSeconds, double upperSeconds) {
    }

    BucketHistogram {
        cumulative = Collections.unmodifiableNavigableMap(new TreeMap<>(cumulative));
    }

    /** The {@code <metric>_bucket} lines of a Prometheus text scrape, summed by {@code le}; empty if absent. */
    static BucketHistogram parse(String scrape, String metric) {
        String prefix = metric + "_bucket{";
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            Matcher le = LE.matcher(line);
            if (!le.find()) {
                continue;
            }
            double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
            long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            counts.merge(bound, count, Long::sum);
        }
        return new BucketHistogram(counts);
    }

    /** The observations made since {@code earlier} (bucket by bucket; buckets {@code earlier} lacks count from 0). */
    BucketHistogram minus(BucketHistogram earlier) {
        TreeMap<Double, Long> difference = new TreeMap<>();
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            difference.put(bucket.getKey(), bucket.getValue() - earlier.cumulative.getOrDefault(bucket.getKey(), 0L));
        }
        return new BucketHistogram(difference);
    }

    /** All observations (the {@code +Inf} bucket, or the highest one present). */
    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /**
     * The bucket holding the observation at {@code percentile} (0-100, nearest rank); {@code percentile} 100 is the
     * largest observation's bucket. Throws if there are no observations.
     */
    Bucket percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within 0-100: " + percentile);
        }
        long total = count();
        if (total == 0) {
            throw new IllegalStateException("no observations");
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        double lower = 0;
        for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return new Bucket(lower, bucket.getKey());
            }
            lower = bucket.getKey();
        }
        throw new IllegalStateException("cumulative counts never reach " + rank + ": " + cumulative);
    }
}
