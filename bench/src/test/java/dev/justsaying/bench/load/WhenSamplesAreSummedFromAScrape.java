package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Timer sums and counts read from a Prometheus text scrape, by sample name and label. */
class WhenSamplesAreSummedFromAScrape {

    private static final PrometheusScrape SCRAPE = new PrometheusScrape("""
            # TYPE restaurant_status_worker_stage_seconds histogram
            restaurant_status_worker_stage_seconds_count{application="rs",stage="sms"} 10.0
            restaurant_status_worker_stage_seconds_sum{application="rs",stage="sms"} 2.5
            restaurant_status_worker_stage_seconds_sum{application="rs",stage="state"} 0.75
            restaurant_status_worker_stage_seconds_sum{application="rs2",stage="sms"} 1.5
            restaurant_status_worker_stage_seconds_sum_other{stage="sms"} 100.0
            restaurant_status_command_lifecycle_seconds_count 7.0
            """);

    @Test
    void onlyTheNamedSampleWithTheLabelCounts() {
        assertThat(SCRAPE.sum("restaurant_status_worker_stage_seconds_sum", "stage=\"sms\"")).isEqualTo(4.0);
        assertThat(SCRAPE.sum("restaurant_status_worker_stage_seconds_sum", "")).isEqualTo(4.75);
        assertThat(SCRAPE.sum("restaurant_status_worker_stage_seconds_count", "stage=\"sms\"")).isEqualTo(10.0);
    }

    @Test
    void aSampleWithoutLabelsIsRead() {
        assertThat(SCRAPE.sum("restaurant_status_command_lifecycle_seconds_count", "")).isEqualTo(7.0);
        assertThat(SCRAPE.sum("no_such_metric", "")).isZero();
    }
}
