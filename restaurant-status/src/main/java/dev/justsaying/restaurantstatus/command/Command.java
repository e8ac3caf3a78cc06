package dev.justsaying.restaurantstatus.command;

import dev.justsaying.restaurantstatus.messaging.ChangeRestaurantStatus;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A status-change command as the command store records it.
 *
 * @param texted      the restaurants already sent their SMS, so a redelivery never texts twice
 * @param smsIntended the restaurants a try has set out to text: one of them not in {@code texted} may have been
 *                    texted by a try that stopped before recording it (see the Worker)
 * @param errorDetail why the command failed (or why its last try failed), if it did
 */
public record Command(
        String id,
        List<Long> restaurantIds,
        RestaurantStatus status,
        String reason,
        boolean notifyRestaurants,
        CommandState state,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        String errorDetail,
        Set<Long> texted,
        Set<Long> smsIntended) {

    public Command {
        restaurantIds = List.copyOf(restaurantIds);
        texted = Set.copyOf(texted);
        smsIntended = Set.copyOf(smsIntended);
    }

    /** A command just accepted. */
    public static Command queued(String id, List<Long> restaurantIds, RestaurantStatus status, String reason,
                                 boolean notifyRestaurants, Instant now) {
        return new Command(id, restaurantIds, status, reason, notifyRestaurants, CommandState.Queued, 0, now, now, null, Set.of(),
                Set.of());
    }

    /** This command as a try on its {@code attempt}-th receive leaves it: 'Processing' since {@code now}. */
    public Command started(int attempt, Instant now) {
        return new Command(id, restaurantIds, status, reason, notifyRestaurants, CommandState.Processing, attempt,
                createdAt, now, errorDetail, texted, smsIntended);
    }

    /** Whether {@code other} asks for the same change as this command (whatever the state of either). */
    public boolean sameRequestAs(Command other) {
        return restaurantIds.equals(other.restaurantIds) && status == other.status
                && Objects.equals(reason, other.reason) && notifyRestaurants == other.notifyRestaurants;
    }

    /** The message that carries this command to the Worker. */
    public ChangeRestaurantStatus toMessage() {
        return new ChangeRestaurantStatus(id, restaurantIds, status, reason, notifyRestaurants);
    }
}
