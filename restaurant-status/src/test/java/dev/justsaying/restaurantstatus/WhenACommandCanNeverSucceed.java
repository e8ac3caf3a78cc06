package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenACommandCanNeverSucceed {

    @Test
    void itEndsInTheErrorQueueReadsFailedWithTheReasonAndIsCountedAsFailed(RunningService service) {
        long restaurant = service.newRestaurant(6001, TwilioStub.UNDELIVERABLE_NUMBER);
        MeterRegistry meters = service.bean(MeterRegistry.class);
        double failedBefore = meters.counter(StatusChangeWorker.FAILED_COUNTER).count();
        long retriedBefore = meters.timer(StatusChangeWorker.COMMAND_TIMER, "outcome", "retried").count();

        String id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}"));
        service.awaitState(id, CommandState.Failed);

        HttpResponse<String> response = service.send(service.request("/commands/" + id).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode command = RunningService.body(response);
        assertThat(command.get("state").asText()).isEqualTo("Failed");
        assertThat(command.get("attempts").asInt()).isEqualTo(5);
        assertThat(command.get("errorDetail").asText()).contains("ApiException").contains("not a valid phone number");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(meters.counter(StatusChangeWorker.FAILED_COUNTER).count()).isGreaterThan(failedBefore));
        assertThat(meters.timer(StatusChangeWorker.COMMAND_TIMER, "outcome", "retried").count())
                .as("each of its 5 tries is counted as retried").isGreaterThanOrEqualTo(retriedBefore + 5);
    }
}
