package dev.justsaying.region;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The user's supplier names the region; a bad answer falls back to the primary, never to an error. */
class WhenTheActiveRegionSupplierMisbehaves extends BehaviourTest<ActiveRegion> {

    private final AtomicReference<String> answer = new AtomicReference<>();
    private String whenForced;
    private String whenUnknown;
    private String whenThrowing;

    @Override
    protected ActiveRegion createSystemUnderTest() {
        return new ActiveRegion(List.of("eu-west-1", "eu-central-1"), () -> {
            String region = answer.get();
            if ("throw".equals(region)) {
                throw new IllegalStateException("the config service is down");
            }
            return region;
        }, null, Clock.systemUTC());
    }

    @Override
    protected void when() {
        answer.set("eu-central-1");
        whenForced = systemUnderTest().current();
        answer.set("mars-north-1");
        whenUnknown = systemUnderTest().current();
        answer.set("throw");
        whenThrowing = systemUnderTest().current();
    }

    @Then
    void aConfiguredRegionItNamesIsUsed() {
        assertThat(whenForced).isEqualTo("eu-central-1");
    }

    @Then
    void anUnknownRegionFallsBackToThePrimary() {
        assertThat(whenUnknown).isEqualTo("eu-west-1");
    }

    @Then
    void aThrowingSupplierFallsBackToThePrimary() {
        assertThat(whenThrowing).isEqualTo("eu-west-1");
    }

    @Then
    void withoutAutomaticFailoverFailuresDoNotMoveIt() {
        answer.set("eu-west-1");
        for (int i = 0; i < 10; i++) {
            systemUnderTest().failed("eu-west-1", new RuntimeException("down"));
        }
        assertThat(systemUnderTest().current()).isEqualTo("eu-west-1");
        assertThat(systemUnderTest().isAutomatic()).isFalse();
    }
}
