package dev.justsaying.restaurantstatus.restaurant;

/** Whether a restaurant takes orders. */
public enum RestaurantStatus {
    OPEN,
    CLOSED,
    TEMPORARILY_CLOSED
}
