package dev.justsaying.restaurantstatus.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.util.List;

/**
 * The body of a status change: for one restaurant (its id in the path) or, in the bulk form, for
 * {@code restaurantIds}. {@code notify} defaults to true.
 */
public record StatusChangeRequest(List<Long> restaurantIds, RestaurantStatus status, String reason,
                                  @JsonProperty("notify") Boolean notifyRestaurants) {

    /** Whether to text the restaurants: yes unless the request says {@code "notify": false}. */
    public boolean notifies() {
        return notifyRestaurants == null || notifyRestaurants;
    }
}
