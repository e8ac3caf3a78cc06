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
    void prometheusShowsApiLatencyWorkerTimingsTheBusAndTheJvmWithoutAKey(RunningService service) {
        long restaurant = service.newRestaurant(10001, "+447700910001");
        service.awaitState(RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}")), CommandState.Succeeded);

        HttpResponse<String> scrape = service.send(service.request("/actuator/prometheus").GET());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_bucket")
                .contains("restaurant_status_worker_stage_seconds_count{stage=\"sql\"")
                .contains("restaurant_status_worker_stage_seconds_count{stage=\"sms\"")
                .contains("restaurant_status_worker_command_seconds_bucket{outcome=\"succeeded\"")
                .contains("restaurant_status_command_lifecycle_seconds_bucket")
                .contains("justsaying_region_healthy{region=\"eu-west-1\"}")
                .contains("justsaying_group_concurrency_limit{group=\"commands\"}")
                .contains("process_cpu_usage")
                .contains("jvm_memory_used_bytes")
                .contains("justsaying_");
    }
}
