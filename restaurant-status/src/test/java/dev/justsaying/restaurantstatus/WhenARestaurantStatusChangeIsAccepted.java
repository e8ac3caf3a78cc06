package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.body;
import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenARestaurantStatusChangeIsAccepted {

    private static final long RESTAURANT = 101;

    private HttpResponse<String> accepted;
    private HttpResponse<String> finished;
    private int smsBefore;

    @BeforeAll
    void changeAndFollow(RunningService service) {
        smsBefore = service.stack().twilio().messageRequests().size();
        accepted = service.send(service.authorized("/restaurants/" + RESTAURANT + "/status")
                .PUT(json("{\"status\":\"TEMPORARILY_CLOSED\",\"reason\":\"kitchen fire\",\"notify\":true}")));
        String location = accepted.headers().firstValue("Location").orElseThrow();
        finished = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> service.send(service.request(location).GET()), response -> response.statusCode() == 303);
    }

    @Test
    void itAnswers202WithWhereToFollowTheCommand() {
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode command = body(accepted);
        assertThat(command.get("state").asText()).isEqualTo("Queued");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/commands/" + command.get("commandId").asText());
        assertThat(accepted.headers().firstValue("Retry-After")).isPresent();
        assertThat(command.at("/links/self").asText()).isEqualTo("/commands/" + command.get("commandId").asText());
    }

    @Test
    void theSucceededCommandSendsTheClientToTheRestaurant() {
        assertThat(finished.headers().firstValue("Location")).hasValue("/restaurants/" + RESTAURANT);
    }

    @Test
    void theRestaurantRowIsUpdated(RunningService service) {
        JsonNode restaurant = body(service.send(service.request("/restaurants/" + RESTAURANT).GET()));
        assertThat(restaurant.get("status").asText()).isEqualTo("TEMPORARILY_CLOSED");
    }

    @Test
    void theRestaurantIsTextedOnce(RunningService service) {
        assertThat(service.stack().twilio().messageRequests()).hasSize(smsBefore + 1)
                .last().satisfies(sms -> assertThat(sms.getBodyAsString()).contains("kitchen+fire"));
    }

    @Test
    void itsFirstTryTextsWithoutAskingTwilioWhetherAnEarlierOneDid(RunningService service) {
        String phone = service.jdbc().queryForObject("SELECT phone FROM restaurants WHERE id = ?", String.class,
                RESTAURANT);
        assertThat(service.stack().twilio().messageLogReadsFor(phone)).isZero();
    }
}
