package dev.justsaying.region;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import java.time.Duration;

/** Failback: enough good probes, and long enough away, bring the primary back — not before. */
class AndThePrimaryRecovers extends WhenThePrimaryRegionKeepsFailing {

    private String afterGoodProbesTooSoon;
    private String afterAFailedProbeLater;
    private String afterGoodProbesLater;

    @Override
    protected void when() {
        super.when();
        ActiveRegion regions = systemUnderTest();
        regions.probed("eu-west-1", true);
        regions.probed("eu-west-1", true);
        afterGoodProbesTooSoon = regions.current();
        clock.advance(Duration.ofSeconds(31));
        regions.probed("eu-west-1", false);
        regions.probed("eu-west-1", true);
        afterAFailedProbeLater = regions.current();
        regions.probed("eu-west-1", true);
        afterGoodProbesLater = regions.current();
    }

    @Then
    void itDoesNotFailBackBeforeTheMinimumTimeAway() {
        assertThat(afterGoodProbesTooSoon).isEqualTo("eu-central-1");
    }

    @Then
    void aFailedProbeStartsTheCountAgain() {
        assertThat(afterAFailedProbeLater).isEqualTo("eu-central-1");
    }

    @Then
    void itFailsBackAfterEnoughGoodProbesInARow() {
        assertThat(afterGoodProbesLater).isEqualTo("eu-west-1");
        assertThat(switches).containsExactly("eu-west-1 → eu-central-1: failover",
                "eu-central-1 → eu-west-1: failback");
    }
}
