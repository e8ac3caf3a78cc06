package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 202 path's check that the restaurants of a command exist, without a PostgreSQL round trip per request: an id
 * found in the table is remembered for {@code ttl}, then asked about again. Only existence is remembered, never
 * absence, so a restaurant added is accepted at once; one removed is accepted for at most {@code ttl} longer, and the
 * Worker fails such a command (unknown restaurant) as it would a restaurant removed after the command was accepted.
 * A zero {@code ttl} asks every time. At most {@code capacity} ids are held; past that the memory starts over.
 */
public final class KnownRestaurants {

    private final RestaurantRepository restaurants;
    private final long ttlMillis;
    private final int capacity;
    private final Clock clock;
    /** Id to the time (epoch millis) it was last found in the table. */
    private final Map<Long, Long> foundAt = new ConcurrentHashMap<>();

    public KnownRestaurants(RestaurantRepository restaurants, Duration ttl, int capacity, Clock clock) {
        if (ttl.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("known restaurants need a ttl >= 0 and a capacity >= 1");
        }
        this.restaurants = restaurants;
        this.ttlMillis = ttl.toMillis();
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Those of {@code ids} that name no restaurant, in order; asks the table only about ids not known. */
    public Set<Long> missing(Collection<Long> ids) {
        long now = clock.millis();
        List<Long> unknown = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Long found = foundAt.get(id);
            if (found == null || now - found >= ttlMillis) {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return Set.of();
        }
        Set<Long> missing = restaurants.missing(unknown);
        if (ttlMillis > 0) {
            remember(unknown, missing, now);
        }
        return missing;
    }

    private void remember(List<Long> asked, Set<Long> missing, long now) {
        if (foundAt.size() + asked.size() > capacity) {
            foundAt.clear();
        }
        for (Long id : asked) {
            if (missing.contains(id)) {
                foundAt.remove(id);
            } else {
                foundAt.put(id, now);
            }
        }
    }
}
