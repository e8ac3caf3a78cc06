package dev.justsaying.restaurantstatus.messaging;

import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.util.List;

/**
 * The command the API queues and the Worker carries out: set these restaurants' status, and text each of them if
 * {@code notifyRestaurants}. Its state lives in the command store under {@code commandId}.
 */
public record ChangeRestaurantStatus(
        String commandId, List<Long> restaurantIds, RestaurantStatus status, String reason, boolean notifyRestaurants) {

    public ChangeRestaurantStatus {
        restaurantIds = List.copyOf(restaurantIds);
    }
}
