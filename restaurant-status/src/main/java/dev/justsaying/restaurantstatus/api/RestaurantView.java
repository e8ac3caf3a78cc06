package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.worker.SmsSender;
import java.time.Instant;

/**
 * A restaurant as the API shows it: its phone number masked to the last three digits, enough to tell which number
 * is texted, since reads are open and a phone number is personal data.
 */
public record RestaurantView(long id, String name, String phone, RestaurantStatus status, Instant updatedAt) {

    static RestaurantView of(Restaurant restaurant) {
        return new RestaurantView(restaurant.id(), restaurant.name(), SmsSender.mask(restaurant.phone()),
                restaurant.status(), restaurant.updatedAt());
    }
}
