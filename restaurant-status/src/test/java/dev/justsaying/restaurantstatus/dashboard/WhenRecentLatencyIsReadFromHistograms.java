package dev.justsaying.restaurantstatus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The dashboard's percentiles come from the histogram buckets of one interval, across every tag set of a timer. */
class WhenRecentLatencyIsReadFromHistograms {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private Timer timer(String status) {
        return Timer.builder("requests").tag("status", status).publishPercentileHistogram().register(meters);
    }

    @Test
    void onlyTheIntervalSinceTheEarlierReadingCounts() {
        Timer ok = timer("202");
        IntStream.range(0, 1000).forEach(i -> ok.record(Duration.ofMillis(900)));
        TimerReading before = TimerReading.of(List.of(ok));

        IntStream.range(0, 100).forEach(i -> ok.record(Duration.ofMillis(10)));
        TimerReading interval = TimerReading.of(List.of(ok)).since(before);

        assertThat(interval.count()).isEqualTo(100);
        assertThat(interval.meanMillis()).isCloseTo(10.0, within(0.01));
        assertThat(interval.percentileMillis(0.99)).as("the old slow requests are not in this interval")
                .isBetween(8.0, 12.0);
    }

    @Test
    void percentilesFallInTheRightBucketAcrossTagSets() {
        Timer fast = timer("202");
        Timer slow = timer("200");
        IntStream.range(0, 90).forEach(i -> fast.record(Duration.ofMillis(5)));
        IntStream.range(0, 10).forEach(i -> slow.record(Duration.ofMillis(400)));

        TimerReading reading = TimerReading.of(List.of(fast, slow)).since(TimerReading.NONE);

        assertThat(reading.count()).isEqualTo(100);
        assertThat(reading.percentileMillis(0.5)).isBetween(4.0, 6.0);
        assertThat(reading.percentileMillis(0.99)).isBetween(340.0, 460.0);
    }

    @Test
    void anIntervalWithoutRequestsHasNoPercentileNorMean() {
        Timer ok = timer("202");
        ok.record(Duration.ofMillis(20));
        TimerReading reading = TimerReading.of(List.of(ok));

        TimerReading interval = TimerReading.of(List.of(ok)).since(reading);

        assertThat(interval.percentileMillis(0.5)).isNull();
        assertThat(interval.meanMillis()).isNull();
    }
}
