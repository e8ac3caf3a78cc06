package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API process died after recording a command and before sending its message (recorded here the way the API
 * records it, with no message and already older than the sweeper's wait): the sweeper sends it, and it is carried
 * out once.
 */
@ExtendWith(RunningService.class)
class WhenACommandIsRecordedButNeverQueued {

    private static final String PHONE = "+447700905201";

    @Test
    void theSweeperQueuesItAndItIsCarriedOutOnce(RunningService service) {
        long restaurant = service.newRestaurant(5201, PHONE);
        Command stranded = Command.queued(UUID.randomUUID().toString(), List.of(restaurant), RestaurantStatus.CLOSED,
                "stranded", true, Instant.now().minus(RunningService.SWEEP_AFTER.multipliedBy(2)));
        service.bean(CommandStore.class).createUnlessPresent(stranded);

        Command done = service.awaitState(stranded.id(), CommandState.Succeeded);

        assertThat(done.attempts()).as("tries").isEqualTo(1);
        assertThat(service.jdbc().queryForObject("SELECT status FROM restaurants WHERE id = ?", String.class,
                restaurant)).isEqualTo("CLOSED");
        assertThat(service.stack().twilio().messagesDeliveredTo(PHONE)).isEqualTo(1);
    }
}
