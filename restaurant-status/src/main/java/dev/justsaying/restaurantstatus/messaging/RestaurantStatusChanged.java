package dev.justsaying.restaurantstatus.messaging;

import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.time.Instant;
import java.util.List;

/** The event the Worker publishes once a command has succeeded: these restaurants now have this status. */
public record RestaurantStatusChanged(
        String commandId, List<Long> restaurantIds, RestaurantStatus status, String reason, Instant changedAt) {

    public RestaurantStatusChanged {
        restaurantIds = List.copyOf(restaurantIds);
    }
}
