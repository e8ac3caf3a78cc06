package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheLegacyEndpointIsUsed {

    @Test
    void theRowAndTheSmsAreDoneBeforeItAnswers200(RunningService service) {
        long restaurant = service.newRestaurant(4001, "+447700904001");

        HttpResponse<String> response = service.put("/legacy/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\",\"reason\":\"old way\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningService.body(response).get("status").asText()).isEqualTo("CLOSED");
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700904001")).isEqualTo(1);
    }
}
