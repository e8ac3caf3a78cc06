package dev.justsaying.restaurantstatus.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.justsaying.restaurantstatus.command.Command;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.justsaying.restaurantstatus.command.CommandState;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A command as the API shows it, with links to itself and to the restaurants it changes. */
public record CommandView(
        String commandId,
        CommandState state,
        List<Long> restaurantIds,
        RestaurantStatus status,
        String reason,
        @JsonProperty("notify") boolean notifyRestaurants,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        String errorDetail,
        Map<String, String> links) {

    public static CommandView of(Command command) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/commands/" + command.id());
        if (command.restaurantIds().size() == 1) {
            links.put("restaurant", "/restaurants/" + command.restaurantIds().get(0));
        }
        return new CommandView(command.id(), command.state(), command.restaurantIds(), command.status(),
                command.reason(), command.notifyRestaurants(), command.attempts(), command.createdAt(), command.updatedAt(),
                command.errorDetail(), links);
    }
}
