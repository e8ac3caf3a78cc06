package dev.justsaying.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The heartbeat's extensions stay under SQS's 12 hours of invisibility from receipt, then stop. */
class WhenAMessageNearsTheSqsVisibilityCeiling {

    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

    @Test
    void earlyOnItGetsTheQueuesWholeTimeout() {
        assertThat(VisibilityHeartbeat.nextTimeoutSeconds(Duration.ofMinutes(5), THIRTY_SECONDS)).hasValue(30);
    }

    @Test
    void nearTheCeilingItGetsOnlyWhatIsLeft() {
        Duration elapsed = Duration.ofHours(12).minusSeconds(10);
        assertThat(VisibilityHeartbeat.nextTimeoutSeconds(elapsed, THIRTY_SECONDS)).hasValue(10);
    }

    @Test
    void atTheCeilingItIsNoLongerExtended() {
        assertThat(VisibilityHeartbeat.nextTimeoutSeconds(Duration.ofHours(12).minusMillis(500), THIRTY_SECONDS))
                .isEmpty();
        assertThat(VisibilityHeartbeat.nextTimeoutSeconds(Duration.ofHours(13), THIRTY_SECONDS)).isEmpty();
    }
}
