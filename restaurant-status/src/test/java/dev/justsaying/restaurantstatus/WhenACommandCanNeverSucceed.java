package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenACommandCanNeverSucceed {

    @Test
    void itEndsInTheErrorQueueAndReadsFailedWithTheReason(RunningService service) {
        long restaurant = service.newRestaurant(6001, TwilioStub.UNDELIVERABLE_NUMBER);

        String id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}"));
        service.awaitState(id, CommandState.Failed);

        HttpResponse<String> response = service.send(service.request("/commands/" + id).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode command = RunningService.body(response);
        assertThat(command.get("state").asText()).isEqualTo("Failed");
        assertThat(command.get("attempts").asInt()).isEqualTo(5);
        assertThat(command.get("errorDetail").asText()).contains("ApiException").contains("not a valid phone number");
    }
}
