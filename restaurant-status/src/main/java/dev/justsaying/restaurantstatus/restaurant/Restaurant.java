package dev.justsaying.restaurantstatus.restaurant;

import java.time.Instant;

/** A restaurant's row as the database holds it. */
public record Restaurant(long id, String name, String phone, RestaurantStatus status, Instant updatedAt) { }
