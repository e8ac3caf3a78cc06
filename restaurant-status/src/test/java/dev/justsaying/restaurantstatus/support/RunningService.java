package dev.justsaying.restaurantstatus.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.restaurantstatus.RestaurantStatusApplication;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service as the run command starts it (local profile, whole stack in this JVM), on a free port, once for the
 * whole test run; JUnit closes it when the run ends. Test classes take it as a parameter and talk to it over real
 * HTTP.
 */
public final class RunningService implements ParameterResolver, ExtensionContext.Store.CloseableResource {

    public static final String API_KEY = "local-dev-key";
    /** How long the service waits for the Twilio stub's answer. */
    public static final Duration TWILIO_TIMEOUT = Duration.ofSeconds(5);
    /** How long a command waits unstarted before the sweeper sends its message again. */
    public static final Duration SWEEP_AFTER = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    /** For JUnit's {@code @ExtendWith}: resolves the one running service. */
    public RunningService() {
        this.context = null;
        this.base = null;
    }

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == RunningService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningService.class, key -> start(), RunningService.class);
    }

    private static RunningService start() {
        return new RunningService(RestaurantStatusApplication.application().run(
                "--server.port=0",
                "--restaurant-status.worker.first-backoff=1s",
                "--restaurant-status.worker.max-backoff=2s",
                "--restaurant-status.worker.max-receives=5",        // tests reach the error queue in ~7 s
                "--restaurant-status.local.sms-delay=10ms",
                "--restaurant-status.twilio.timeout=" + TWILIO_TIMEOUT.toSeconds() + "s",
                "--restaurant-status.sweeper.after=" + SWEEP_AFTER,
                "--restaurant-status.sweeper.interval=PT1S",
                "--spring.datasource.hikari.connection-timeout=2000"));
    }

    public LocalStack stack() {
        return context.getBean(LocalStack.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** A request to this path with the local API key. */
    public HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + API_KEY);
    }

    /** The absolute URL of this path on the service, for a browser. */
    public String url(String path) {
        return base.resolve(path).toString();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    public static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An authorized PUT of this JSON body, with extra headers as name, value pairs. */
    public HttpResponse<String> put(String path, String body, String... headers) {
        HttpRequest.Builder request = authorized(path).PUT(json(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The command as the store holds it now. */
    public Command command(String id) {
        return bean(CommandStore.class).find(id).orElseThrow();
    }

    /** Waits (generously) until the command reaches this state, and returns it. */
    public Command awaitState(String id, CommandState state) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> command(id), command -> command.state() == state);
    }

    /** The command id of a 202 answer. */
    public static String commandId(HttpResponse<String> accepted) {
        return body(accepted).get("commandId").asText();
    }

    /** A restaurant of its own for one test, so tests never share rows or phone numbers. */
    public long newRestaurant(long id, String phone) {
        jdbc().update("INSERT INTO restaurants (id, name, phone, status) VALUES (?, ?, ?, 'OPEN')",
                id, "Test Restaurant " + id, phone);
        return id;
    }

    @Override
    public void close() {
        context.close();
    }
}
