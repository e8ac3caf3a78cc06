package dev.justsaying.restaurantstatus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dashboard's samples leave out the series of a role the process does not run (the page shows "n/a"). */
class WhenAProcessRunsOneRole {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Sample sampleTwice(boolean api, boolean worker) {
        MetricsSampler sampler = new MetricsSampler(meters, Clock.systemUTC(), api, worker, 10);
        sampler.sample();
        Timer.builder(StatusChangeWorker.STAGE_TIMER).tag("stage", "sql").register(meters).record(Duration.ofMillis(30));
        meters.timer(StatusChangeWorker.COMMAND_TIMER, "outcome", "succeeded").record(Duration.ofMillis(50));
        sampler.sample();
        assertThat(sampler.samples()).hasSize(1);
        return sampler.samples().get(0);
    }

    @Test
    void aWorkerOnlyProcessHasNoApiSeries() {
        Sample sample = sampleTwice(false, true);

        assertThat(sample.latencyMillis()).isEmpty();
        assertThat(sample.commandsPerSecond()).containsOnlyKeys("succeeded", "retried", "failed");
        assertThat(sample.commandsPerSecond().get("succeeded")).isPositive();
        assertThat(sample.stageMillis()).containsOnlyKeys("state", "sql", "sms", "event");
        assertThat(sample.stageMillis().get("sql")).isEqualTo(30.0);
        assertThat(sample.stageMillis().get("sms")).as("no SMS in this interval").isNull();
        assertThat(sample.workerConcurrency()).containsOnlyKeys("inFlight", "limit");
    }

    @Test
    void anApiOnlyProcessHasNoWorkerSeries() {
        Sample sample = sampleTwice(true, false);

        assertThat(sample.latencyMillis()).containsOnlyKeys("accepted", "legacy");
        assertThat(sample.latencyMillis().get("accepted").p50()).as("no request in this interval").isNull();
        assertThat(sample.commandsPerSecond()).containsOnlyKeys("accepted");
        assertThat(sample.stageMillis()).isEmpty();
        assertThat(sample.workerConcurrency()).isEmpty();
    }
}
