package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void itStandsStillUntilMovedOn() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z").toEpochMilli());
    }

    @Test
    void atNowStartsAtTheRealTime() {
        Instant before = Instant.now().minusMillis(1);

        MutableClock clock = MutableClock.atNow();

        assertThat(clock.instant()).isBetween(before, Instant.now());
    }
}
