package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.PromQlMetricNames;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert rules and the Grafana dashboard in {@code monitoring/} read only metrics the running service exports,
 * and the rule file has the shape Prometheus loads.
 */
@ExtendWith(RunningService.class)
class WhenTheAlertRulesAndTheDashboardAreChecked {

    private static final Path ALERTS = Path.of("monitoring/prometheus/alerts.yml");
    private static final Path DASHBOARD = Path.of("monitoring/grafana/restaurant-status.json");

    @Test
    void everyAlertRuleHasItsExpressionDelayLabelsAndAnnotations() throws IOException {
        JsonNode groups = new YAMLMapper().readTree(ALERTS.toFile()).path("groups");

        assertThat(groups.isArray()).isTrue();
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules").isArray()).isTrue();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("page", "ticket");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(alert).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as(alert).matches("\\d+[smh]");
                }
            }
        }
        assertThat(alerts).doesNotHaveDuplicates().contains("AcceptLatencyAboveObjective",
                "LegacyLatencyAboveObjective", "WorkerStageAboveObjective", "WorkerCommandAboveObjective",
                "CommandQueueGrowing", "CommandsWaitingLong", "CommandErrorQueueNotEmpty", "WorkerCpuHigh",
                "RegionUnhealthy");
    }

    @Test
    void everyDashboardPanelHasATitleAndQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("panels").size()).isPositive();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText())
                    .isNotEmpty().allSatisfy(expr -> assertThat(expr).isNotBlank());
        }
    }

    @Test
    void everyMetricTheyReadIsExportedOnceACommandHasGoneThrough(RunningService service) throws IOException {
        Set<String> referenced = new TreeSet<>();
        new YAMLMapper().readTree(ALERTS.toFile()).findValuesAsText("expr")
                .forEach(expr -> referenced.addAll(PromQlMetricNames.in(expr)));
        new ObjectMapper().readTree(DASHBOARD.toFile()).findValuesAsText("expr")
                .forEach(expr -> referenced.addAll(PromQlMetricNames.in(expr)));
        assertThat(referenced).contains("http_server_requests_seconds_bucket", "restaurant_status_queue_depth",
                "justsaying_region_healthy", "process_cpu_usage");

        long restaurant = service.newRestaurant(10101, "+447700910101");
        service.awaitState(RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}")), CommandState.Succeeded);
        service.send(service.authorized("/legacy/restaurants/" + restaurant + "/status")
                .PUT(RunningService.json("{\"status\":\"OPEN\",\"notify\":false}")));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(exported(service)).containsAll(referenced));
    }

    @Test
    void theQueueDepthIsPolledForTheCommandsQueueAndItsErrorQueueInEveryRegion(RunningService service) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String scrape = service.send(service.request("/actuator/prometheus").GET()).body();
            for (String region : List.of("eu-west-1", "eu-central-1")) {
                for (String queue : List.of("restaurant-status-commands", "restaurant-status-commands_error")) {
                    assertThat(scrape).containsPattern("restaurant_status_queue_depth\\{[^}]*queue=\"" + queue
                            + "\",region=\"" + region + "\"[^}]*} \\d");
                }
            }
        });
    }

    /** The metric names of the samples the service exports now. */
    private static Set<String> exported(RunningService service) {
        return service.send(service.request("/actuator/prometheus").GET()).body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
