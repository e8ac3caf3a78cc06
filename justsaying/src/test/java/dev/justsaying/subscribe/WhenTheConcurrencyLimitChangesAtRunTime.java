package dev.justsaying.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.util.concurrent.TimeUnit;

class WhenTheConcurrencyLimitChangesAtRunTime extends BehaviourTest<ConcurrencyLimit> {

    private boolean fourthWhileLowered;
    private int inFlightAfterLowering;
    private boolean startsAgainAfterRaising;

    @Override
    protected ConcurrencyLimit createSystemUnderTest() {
        return new ConcurrencyLimit(4);
    }

    @Override
    protected void when() throws Exception {
        ConcurrencyLimit limit = systemUnderTest();
        for (int i = 0; i < 3; i++) {
            limit.acquire();
        }
        limit.setLimit(2);
        inFlightAfterLowering = limit.inFlight();
        limit.release();
        fourthWhileLowered = limit.tryAcquire(0, TimeUnit.MILLISECONDS);
        limit.setLimit(5);
        startsAgainAfterRaising = limit.tryAcquire(0, TimeUnit.MILLISECONDS);
    }

    @Then
    void theWorkInFlightIsNotCutShort() {
        assertThat(inFlightAfterLowering).isEqualTo(3);
    }

    @Then
    void nothingNewStartsUntilTheCountIsUnderTheNewLimit() {
        assertThat(fourthWhileLowered).isFalse();
    }

    @Then
    void raisingTheLimitLetsWorkStartAtOnce() {
        assertThat(startsAgainAfterRaising).isTrue();
        assertThat(systemUnderTest().inFlight()).isEqualTo(3);
        assertThat(systemUnderTest().limit()).isEqualTo(5);
    }
}
