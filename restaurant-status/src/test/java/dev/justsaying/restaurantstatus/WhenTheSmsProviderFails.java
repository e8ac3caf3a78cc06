package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheSmsProviderFails {

    @Test
    void theCommandIsTriedAgainUntilItSucceedsAndTheRestaurantIsTextedOnce(RunningService service) {
        TwilioStub twilio = service.stack().twilio();
        long restaurant = service.newRestaurant(5001, "+447700905001");
        String id;
        twilio.failEveryMessage();
        try {
            id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                    "{\"status\":\"CLOSED\"}"));
            Command failing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.command(id), command -> command.attempts() >= 2);
            assertThat(failing.state()).isEqualTo(CommandState.Processing);
            assertThat(failing.errorDetail()).contains("ApiException");
        } finally {
            twilio.answerNormally();
        }

        Command done = service.awaitState(id, CommandState.Succeeded);

        assertThat(done.attempts()).as("tried again after failing").isGreaterThanOrEqualTo(2);
        assertThat(twilio.messagesDeliveredTo("+447700905001")).isEqualTo(1);
        assertThat(service.send(service.request("/commands/" + id).GET()).statusCode()).isEqualTo(303);
    }
}
