package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class WhenBackingOffExponentially extends BehaviourTest<ExponentialBackoff> {

    private final List<Duration> delays = new ArrayList<>();

    @Override
    protected ExponentialBackoff createSystemUnderTest() {
        return ExponentialBackoff.of(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)).withRandom(() -> 0.5);
    }

    @Override
    protected void when() {
        for (int receive = 1; receive <= 6; receive++) {
            delays.add(systemUnderTest().delayBeforeRetry(receive, HandleResult.failure("boom")));
        }
    }

    @Then
    void theDelayDoublesWithEachReceive() {
        assertThat(delays.subList(0, 4)).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500),
                Duration.ofMillis(3000), Duration.ofMillis(6000));
    }

    @Then
    void itNeverExceedsTheMaximum() {
        assertThat(delays.subList(4, 6)).containsOnly(Duration.ofMillis(7500));
    }

    @Then
    void halfOfEachDelayIsJitter() {
        ExponentialBackoff noJitter = systemUnderTest().withRandom(() -> 0.0);
        ExponentialBackoff fullJitter = systemUnderTest().withRandom(() -> 0.999_999);
        assertThat(noJitter.delayBeforeRetry(3, HandleResult.failure("x"))).isEqualTo(Duration.ofMillis(2000));
        assertThat(fullJitter.delayBeforeRetry(3, HandleResult.failure("x"))).isEqualTo(Duration.ofMillis(4000));
    }

    @Then
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> ExponentialBackoff.of(Duration.ZERO, 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExponentialBackoff.of(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExponentialBackoff.of(Duration.ofSeconds(1), 2, Duration.ofHours(13)))
                .hasMessageContaining("12 hours");
    }
}
