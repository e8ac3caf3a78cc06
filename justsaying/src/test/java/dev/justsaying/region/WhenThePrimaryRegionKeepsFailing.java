package dev.justsaying.region;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.MutableClock;
import dev.justbehave.Then;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Failover: consecutive failures move publishing to the next healthy region, and no sooner. */
class WhenThePrimaryRegionKeepsFailing extends BehaviourTest<ActiveRegion> {

    protected final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    protected final List<String> switches = new ArrayList<>();
    protected String activeAfterTwoFailures;
    protected String activeAfterThreeFailures;
    private Map<String, Boolean> healthAfterFailover;
    private List<String> orderAfterFailover;
    private List<String> switchesAfterFailover;

    @Override
    protected ActiveRegion createSystemUnderTest() {
        ActiveRegion regions = new ActiveRegion(List.of("eu-west-1", "eu-central-1", "us-east-1"), () -> "eu-west-1",
                FailoverPolicy.builder().failuresBeforeFailover(3).probesBeforeFailback(2)
                        .minimumTimeAway(Duration.ofSeconds(30)).build(), clock);
        regions.addListener(new ActiveRegion.Listener() {
            @Override
            public void activeRegionChanged(String from, String to, String cause) {
                switches.add(from + " → " + to + ": " + cause);
            }
        });
        return regions;
    }

    @Override
    protected void when() {
        ActiveRegion regions = systemUnderTest();
        regions.failed("eu-west-1", new RuntimeException("connection refused"));
        regions.failed("eu-west-1", new RuntimeException("connection refused"));
        activeAfterTwoFailures = regions.current();
        regions.failed("eu-west-1", new RuntimeException("connection refused"));
        activeAfterThreeFailures = regions.current();
        healthAfterFailover = regions.healthByRegion();
        orderAfterFailover = regions.publishOrder();
        switchesAfterFailover = List.copyOf(switches);
    }

    @Then
    void fewerFailuresThanTheThresholdChangeNothing() {
        assertThat(activeAfterTwoFailures).isEqualTo("eu-west-1");
    }

    @Then
    void publishingMovesToTheNextRegionInConfiguredOrder() {
        assertThat(activeAfterThreeFailures).isEqualTo("eu-central-1");
        assertThat(healthAfterFailover).containsEntry("eu-west-1", false).containsEntry("eu-central-1", true);
    }

    @Then
    void theUnhealthyRegionIsStillTriedLastRatherThanNever() {
        assertThat(orderAfterFailover).containsExactly("eu-central-1", "us-east-1", "eu-west-1");
    }

    @Then
    void theSwitchIsReportedOnce() {
        assertThat(switchesAfterFailover).containsExactly("eu-west-1 → eu-central-1: failover");
    }
}
