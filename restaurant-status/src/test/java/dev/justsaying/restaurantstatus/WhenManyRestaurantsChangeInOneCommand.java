package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenManyRestaurantsChangeInOneCommand {

    @Test
    void everyRowChangesAndEveryRestaurantIsTextedOnce(RunningService service) {
        List<Long> ids = List.of(service.newRestaurant(3001, "+447700903001"),
                service.newRestaurant(3002, "+447700903002"), service.newRestaurant(3003, "+447700903003"));

        HttpResponse<String> accepted = service.put("/restaurants/status",
                "{\"restaurantIds\":[3001,3002,3003],\"status\":\"CLOSED\",\"reason\":\"holiday\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = RunningService.commandId(accepted);
        service.awaitState(id, CommandState.Succeeded);
        for (long restaurant : ids) {
            JsonNode row = RunningService.body(service.send(service.request("/restaurants/" + restaurant).GET()));
            assertThat(row.get("status").asText()).isEqualTo("CLOSED");
            assertThat(service.stack().twilio().messagesDeliveredTo("+44770090" + restaurant)).isEqualTo(1);
        }
        HttpResponse<String> command = service.send(service.request("/commands/" + id).GET());
        assertThat(command.statusCode()).as("a bulk command has no one restaurant to send the client to")
                .isEqualTo(200);
        assertThat(RunningService.body(command).get("state").asText()).isEqualTo("Succeeded");
    }

    @Test
    void notifyFalseChangesTheRowsAndTextsNobody(RunningService service) {
        service.newRestaurant(3011, "+447700903011");
        service.newRestaurant(3012, "+447700903012");

        String id = RunningService.commandId(service.put("/restaurants/status",
                "{\"restaurantIds\":[3011,3012],\"status\":\"TEMPORARILY_CLOSED\",\"notify\":false}"));

        service.awaitState(id, CommandState.Succeeded);
        assertThat(service.jdbc().queryForList("SELECT status FROM restaurants WHERE id IN (3011, 3012)",
                String.class)).containsOnly("TEMPORARILY_CLOSED");
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700903011")
                + service.stack().twilio().messagesDeliveredTo("+447700903012")).isZero();
    }
}
