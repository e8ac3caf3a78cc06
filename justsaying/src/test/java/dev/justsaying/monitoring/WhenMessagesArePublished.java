package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

class WhenMessagesArePublished extends MicrometerMonitorContext {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:000000000000:orderplaced";

    @Override
    protected void when() {
        MicrometerMessageMonitor monitor = systemUnderTest();
        monitor.published("OrderPlaced", TOPIC, "eu-west-1", Duration.ofMillis(12), true);
        monitor.published("OrderPlaced", TOPIC, "eu-west-1", Duration.ofMillis(14), true);
        monitor.published("OrderPlaced", TOPIC, "eu-west-1", Duration.ofMillis(900), false);
    }

    @Then
    void eachPublishIsTimedByItsOutcome() {
        assertThat(publishTimer("success").count()).isEqualTo(2);
        assertThat(publishTimer("failure").count()).isEqualTo(1);
    }

    @Then
    void theTimerPublishesAPercentileHistogram() {
        assertThat(metersWithPercentileHistograms).contains("justsaying.publish");
    }

    private Timer publishTimer(String outcome) {
        return registry.get("justsaying.publish")
                .tags("type", "OrderPlaced", "destination", TOPIC, "region", "eu-west-1", "outcome", outcome).timer();
    }
}
