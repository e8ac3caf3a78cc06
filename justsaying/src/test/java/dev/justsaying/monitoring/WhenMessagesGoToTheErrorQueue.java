package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;

class WhenMessagesGoToTheErrorQueue extends MicrometerMonitorContext {

    @Override
    protected void when() {
        MicrometerMessageMonitor monitor = systemUnderTest();
        monitor.sentToErrorQueue("OrderPlaced", "orders", "eu-west-1", "failed on all 5 receives: timeout");
        monitor.sentToErrorQueue("OrderPlaced", "orders", "eu-west-1", "failed on all 5 receives: order 7 locked");
        monitor.sentToErrorQueue(null, "orders", "eu-west-1", "cannot be read");
    }

    @Then
    void theyAreCountedPerTypeWhateverTheReason() {
        assertThat(registry.get("justsaying.error.queue").tags("type", "OrderPlaced", "queue", "orders",
                "region", "eu-west-1").counter().count()).isEqualTo(2);
    }

    @Then
    void theReasonIsNotATag() {
        assertThat(registry.get("justsaying.error.queue").counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting("key")
                        .containsExactlyInAnyOrder("type", "queue", "region"));
    }

    @Then
    void aMessageOfNoKnownTypeIsCountedAsUnknown() {
        assertThat(registry.get("justsaying.error.queue").tags("type", "unknown").counter().count()).isEqualTo(1);
    }
}
