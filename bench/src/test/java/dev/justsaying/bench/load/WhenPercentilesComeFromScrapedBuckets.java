package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Completion-time percentiles from the difference of two Prometheus scrapes of a histogram. */
class WhenPercentilesComeFromScrapedBuckets {

    private static final String METRIC = "restaurant_status_command_lifecycle_seconds";

    private static String scrape(long upToHalf, long upToOne, long upToTwo, long all) {
        return """
                # HELP restaurant_status_command_lifecycle_seconds lifecycle
                # TYPE restaurant_status_command_lifecycle_seconds histogram
                restaurant_status_command_lifecycle_seconds_bucket{application="rs",le="0.5"} %d.0
                restaurant_status_command_lifecycle_seconds_bucket{application="rs",le="1.0"} %d.0
                restaurant_status_command_lifecycle_seconds_bucket{application="rs",le="2.0"} %d.0
                restaurant_status_command_lifecycle_seconds_bucket{application="rs",le="+Inf"} %d.0
                restaurant_status_command_lifecycle_seconds_count{application="rs"} %d.0
                restaurant_status_worker_stage_seconds_bucket{stage="sms",le="0.5"} 999.0
                """.formatted(upToHalf, upToOne, upToTwo, all, all);
    }

    @Test
    void onlyTheObservationsBetweenTheScrapesCount() {
        BucketHistogram before = BucketHistogram.parse(scrape(10, 10, 10, 10), METRIC);
        BucketHistogram after = BucketHistogram.parse(scrape(60, 100, 108, 110), METRIC);

        BucketHistogram run = after.minus(before);

        assertThat(run.count()).isEqualTo(100);
        assertThat(run.percentile(50)).isEqualTo(new BucketHistogram.Bucket(0, 0.5));
        assertThat(run.percentile(51)).isEqualTo(new BucketHistogram.Bucket(0.5, 1.0));
        assertThat(run.percentile(90)).isEqualTo(new BucketHistogram.Bucket(0.5, 1.0));
        assertThat(run.percentile(98)).isEqualTo(new BucketHistogram.Bucket(1.0, 2.0));
        assertThat(run.percentile(100)).isEqualTo(new BucketHistogram.Bucket(2.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void labelSetsAreSummedByBucket() {
        String twoInstances = scrape(1, 2, 3, 4) + scrape(1, 2, 3, 4).replace("application=\"rs\"", "instance=\"b\"");

        BucketHistogram histogram = BucketHistogram.parse(twoInstances, METRIC);

        assertThat(histogram.count()).isEqualTo(8);
        assertThat(histogram.cumulative()).containsEntry(1.0, 4L);
    }

    @Test
    void aHistogramWithoutObservationsHasNoPercentile() {
        BucketHistogram before = BucketHistogram.parse(scrape(5, 5, 5, 5), METRIC);

        assertThat(before.minus(before).count()).isZero();
        assertThatThrownBy(() -> before.minus(before).percentile(50)).isInstanceOf(IllegalStateException.class);
        assertThat(BucketHistogram.parse("", METRIC).count()).isZero();
    }
}
