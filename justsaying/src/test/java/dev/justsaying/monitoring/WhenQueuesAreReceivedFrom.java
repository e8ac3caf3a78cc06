package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

class WhenQueuesAreReceivedFrom extends MicrometerMonitorContext {

    @Override
    protected void when() {
        MicrometerMessageMonitor monitor = systemUnderTest();
        monitor.received("orders", "eu-west-1", 3, Duration.ofMillis(40));
        monitor.received("orders", "eu-west-1", 0, Duration.ofSeconds(1));
        monitor.received("orders", "eu-central-1", 2, Duration.ofMillis(40));
        monitor.receiveFailed("orders", "eu-west-1", new CompletionException(new ConnectException("refused")));
        monitor.throttled("orders", "eu-west-1", Duration.ofMillis(15));
    }

    @Then
    void everyReceiveIsTimedEvenAnEmptyOne() {
        assertThat(registry.get("justsaying.receive").tags("queue", "orders", "region", "eu-west-1").timer().count())
                .isEqualTo(2);
    }

    @Then
    void theReceiveAndThrottleTimersPublishPercentileHistograms() {
        assertThat(metersWithPercentileHistograms).contains("justsaying.receive", "justsaying.throttled");
    }

    @Then
    void theMessagesAreCountedPerQueueAndRegion() {
        assertThat(registry.get("justsaying.received.messages").tags("queue", "orders", "region", "eu-west-1")
                .counter().count()).isEqualTo(3);
        assertThat(registry.get("justsaying.received.messages").tags("queue", "orders", "region", "eu-central-1")
                .counter().count()).isEqualTo(2);
    }

    @Then
    void aFailedReceiveIsCountedByTheExceptionBehindIt() {
        assertThat(registry.get("justsaying.receive.failures")
                .tags("queue", "orders", "region", "eu-west-1", "exception", "ConnectException").counter().count())
                .isEqualTo(1);
    }

    @Then
    void waitingForTheConcurrencyLimitIsTimed() {
        assertThat(registry.get("justsaying.throttled").tags("queue", "orders", "region", "eu-west-1").timer()
                .count()).isEqualTo(1);
    }
}
