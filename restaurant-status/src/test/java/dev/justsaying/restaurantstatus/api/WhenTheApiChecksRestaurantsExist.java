package dev.justsaying.restaurantstatus.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.MutableClock;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The 202 path's existence check remembers restaurants it found, for a while, and never ones it did not find. */
class WhenTheApiChecksRestaurantsExist {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final Table table = new Table(1L, 2L, 3L);
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T06:00:00Z"));

    @Test
    void aRestaurantFoundIsNotAskedAboutAgainWithinTheTtl() {
        KnownRestaurants known = new KnownRestaurants(table, TTL, 100, clock);

        assertThat(known.missing(List.of(1L, 2L))).isEmpty();
        clock.advance(TTL.minusSeconds(1));
        assertThat(known.missing(List.of(2L, 1L))).isEmpty();
        assertThat(known.missing(List.of(1L, 3L))).isEmpty();

        assertThat(table.asked).containsExactly(List.of(1L, 2L), List.of(3L));
    }

    @Test
    void aRestaurantRemovedIsMissingOnceTheTtlHasPassed() {
        KnownRestaurants known = new KnownRestaurants(table, TTL, 100, clock);
        assertThat(known.missing(List.of(1L))).isEmpty();

        table.ids.remove(1L);
        clock.advance(TTL);

        assertThat(known.missing(List.of(1L))).containsExactly(1L);
        assertThat(known.missing(List.of(1L))).containsExactly(1L);
        assertThat(table.asked).hasSize(3);
    }

    @Test
    void aRestaurantNotFoundIsAskedAboutEveryTimeSoOneAddedIsAcceptedAtOnce() {
        KnownRestaurants known = new KnownRestaurants(table, TTL, 100, clock);
        assertThat(known.missing(List.of(1L, 9L))).containsExactly(9L);

        table.ids.add(9L);

        assertThat(known.missing(List.of(1L, 9L))).isEmpty();
        assertThat(table.asked).containsExactly(List.of(1L, 9L), List.of(9L));
    }

    @Test
    void aZeroTtlAsksTheTableForEveryRequest() {
        KnownRestaurants known = new KnownRestaurants(table, Duration.ZERO, 100, clock);

        known.missing(List.of(1L));
        known.missing(List.of(1L));

        assertThat(table.asked).containsExactly(List.of(1L), List.of(1L));
    }

    @Test
    void pastItsCapacityItStartsOverAndStillAnswersRight() {
        KnownRestaurants known = new KnownRestaurants(table, TTL, 2, clock);
        assertThat(known.missing(List.of(1L, 2L))).isEmpty();

        assertThat(known.missing(List.of(3L))).isEmpty();
        assertThat(known.missing(List.of(3L, 1L))).isEmpty();

        assertThat(table.asked).containsExactly(List.of(1L, 2L), List.of(3L), List.of(1L));
    }

    /** A restaurants table held in memory that notes what it was asked. */
    private static final class Table extends RestaurantRepository {
        final Set<Long> ids;
        final List<List<Long>> asked = new ArrayList<>();

        Table(Long... ids) {
            super(null);
            this.ids = new HashSet<>(List.of(ids));
        }

        @Override
        public Set<Long> missing(Collection<Long> requested) {
            asked.add(List.copyOf(requested));
            Set<Long> missing = new TreeSet<>(requested);
            missing.removeAll(ids);
            return missing;
        }
    }
}
