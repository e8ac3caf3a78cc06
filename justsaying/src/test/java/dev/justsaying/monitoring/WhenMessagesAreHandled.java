package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

class WhenMessagesAreHandled extends MicrometerMonitorContext {

    @Override
    protected void when() {
        MicrometerMessageMonitor monitor = systemUnderTest();
        monitor.handled("OrderPlaced", "orders", "eu-west-1", Duration.ofMillis(20), HandleResult.success());
        monitor.handled("OrderPlaced", "orders", "eu-west-1", Duration.ofMillis(30), HandleResult.success());
        monitor.handled("OrderPlaced", "orders", "eu-west-1", Duration.ofMillis(5),
                HandleResult.failure(new IllegalStateException("order 42 is locked")));
        monitor.handled("OrderCancelled", "orders", "eu-west-1", Duration.ofMillis(10), HandleResult.success());
        monitor.handling("OrderPlaced", "orders", "eu-west-1", Duration.ofSeconds(3));
        monitor.handling("OrderPlaced", "orders", "eu-west-1", Duration.ofSeconds(42));
    }

    @Then
    void theOldestRecentMessageIsTheAgeTimersMax() {
        Timer ages = registry.get("justsaying.message.age")
                .tags("type", "OrderPlaced", "queue", "orders", "region", "eu-west-1").timer();
        assertThat(ages.count()).isEqualTo(2);
        assertThat(ages.max(TimeUnit.SECONDS)).isEqualTo(42);
    }

    @Then
    void successesAndFailuresAreTimedApart() {
        assertThat(handleTimer("OrderPlaced", "success").count()).isEqualTo(2);
        assertThat(handleTimer("OrderPlaced", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
        assertThat(handleTimer("OrderPlaced", "failure").count()).isEqualTo(1);
    }

    @Then
    void eachTypeHasItsOwnTimer() {
        assertThat(handleTimer("OrderCancelled", "success").count()).isEqualTo(1);
        assertThat(registry.get("justsaying.handle").timers()).hasSize(3);
    }

    @Then
    void theFailureReasonIsNotATag() {
        assertThat(registry.get("justsaying.handle").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTags()).extracting("key")
                        .containsExactlyInAnyOrder("type", "queue", "region", "outcome"));
    }

    @Then
    void theTimersPublishAPercentileHistogram() {
        assertThat(metersWithPercentileHistograms).contains("justsaying.handle", "justsaying.message.age");
    }

    private Timer handleTimer(String type, String outcome) {
        return registry.get("justsaying.handle")
                .tags("type", type, "queue", "orders", "region", "eu-west-1", "outcome", outcome).timer();
    }
}
