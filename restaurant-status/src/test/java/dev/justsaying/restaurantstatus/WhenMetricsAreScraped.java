package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenMetricsAreScraped {

    @Test
    void prometheusShowsApiLatencyWorkerStagesAndTheBusWithoutAKey(RunningService service) {
        long restaurant = service.newRestaurant(10001, "+447700910001");
        service.awaitState(RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}")), CommandState.Succeeded);

        HttpResponse<String> scrape = service.send(service.request("/actuator/prometheus").GET());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_bucket")
                .contains("restaurant_status_worker_stage_seconds_count{stage=\"sql\"")
                .contains("restaurant_status_worker_stage_seconds_count{stage=\"sms\"")
                .contains("justsaying_");
    }
}
