package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenARequestIsRetriedWithAnIdempotencyKey {

    @Test
    void theRetryGetsTheSameCommandAndTheRestaurantIsTextedOnce(RunningService service) {
        long restaurant = service.newRestaurant(2001, "+447700902001");
        String body = "{\"status\":\"CLOSED\",\"reason\":\"retried\"}";

        HttpResponse<String> first = service.put("/restaurants/" + restaurant + "/status", body,
                "Idempotency-Key", "retry-2001");
        HttpResponse<String> retry = service.put("/restaurants/" + restaurant + "/status", body,
                "Idempotency-Key", "retry-2001");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        String id = RunningService.commandId(first);
        assertThat(RunningService.commandId(retry)).isEqualTo(id);
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        service.awaitState(id, CommandState.Succeeded);
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700902001")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentRequestIsA422Problem(RunningService service) {
        long restaurant = service.newRestaurant(2003, "+447700902003");
        String path = "/restaurants/" + restaurant + "/status";

        HttpResponse<String> first = service.put(path, "{\"status\":\"CLOSED\",\"notify\":false}",
                "Idempotency-Key", "reused-2003");
        HttpResponse<String> different = service.put(path, "{\"status\":\"OPEN\",\"notify\":false}",
                "Idempotency-Key", "reused-2003");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(different.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void differentKeysAreDifferentCommands(RunningService service) {
        long restaurant = service.newRestaurant(2002, "+447700902002");
        String body = "{\"status\":\"CLOSED\",\"notify\":false}";

        String first = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status", body,
                "Idempotency-Key", "key-a-2002"));
        String second = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status", body,
                "Idempotency-Key", "key-b-2002"));

        assertThat(first).isNotEqualTo(second);
    }
}
