package dev.justsaying.restaurantstatus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.restaurantstatus.RestaurantStatusApplication;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The split local run: a stack-role process, and the service (API and Worker) started against it. */
class WhenTheStackRunsInAProcessOfItsOwn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+447700900142";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRoleIsChosenFromTheCommandLine() {
        assertThat(LocalStackApplication.requested("--restaurant-status.roles=stack")).isTrue();
        assertThat(LocalStackApplication.requested("--restaurant-status.roles=api,worker")).isFalse();
        assertThat(LocalStackApplication.requested()).isFalse();
    }

    @Test
    void aServiceStartedAgainstItCarriesACommandToSucceeded() throws Exception {
        try (ConfigurableApplicationContext stack = LocalStackApplication.application()
                .run("--server.port=0", "--restaurant-status.local.sms-delay=10ms");
             ConfigurableApplicationContext service = RestaurantStatusApplication.application()
                     .run("--server.port=0", "--restaurant-status.roles=api,worker",
                             "--restaurant-status.local.stack-url=" + stack.getBean(LocalStackServer.class).url())) {
            assertThat(service.getBeanProvider(LocalStack.class).getIfAvailable())
                    .as("the service starts no stack of its own").isNull();
            URI base = URI.create("http://127.0.0.1:"
                    + ((WebServerApplicationContext) service).getWebServer().getPort());
            service.getBean(JdbcTemplate.class).update(
                    "UPDATE restaurants SET phone = ? WHERE id = 42", PHONE);

            HttpResponse<String> accepted = send(HttpRequest.newBuilder(base.resolve("/restaurants/42/status"))
                    .header("Authorization", "Bearer local-dev-key").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"CLOSED\",\"notify\":true}")));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).get("commandId").asText();

            CommandStore commands = service.getBean(CommandStore.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> commands.find(id).map(Command::state).orElseThrow(), CommandState.Succeeded::equals);
            assertThat(stack.getBean(LocalStack.class).twilio().messagesDeliveredTo(PHONE))
                    .as("texts through the stack's Twilio stub").isEqualTo(1);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
