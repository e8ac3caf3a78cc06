package dev.justsaying.restaurantstatus.reliability;

import dev.justsaying.restaurantstatus.RestaurantStatusApplication;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.local.LocalStack;
import dev.justsaying.restaurantstatus.worker.WorkerEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * restaurant-status with one role in the test's JVM on the local profile, so it owns the stack (local-aws, embedded
 * PostgreSQL, the Twilio stub) that processes of the other role, started and killed by the test, are pointed at.
 */
final class LocalService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private LocalService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static LocalService start(String role, String... extraArguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--restaurant-status.roles=" + role,
                "--restaurant-status.worker.first-backoff=1s",
                "--restaurant-status.worker.max-backoff=2s",
                "--restaurant-status.worker.max-receives=5",        // tests reach the error queue in ~7 s
                "--restaurant-status.local.sms-delay=10ms",
                "--spring.datasource.hikari.connection-timeout=2000"));   // a database outage fails a try in 2 s
        args.addAll(List.of(extraArguments));
        return new LocalService(RestaurantStatusApplication.application().run(args.toArray(String[]::new)));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    LocalStack stack() {
        return context.getBean(LocalStack.class);
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    DynamoDbClient dynamo() {
        return context.getBean(DynamoDbClient.class);
    }

    /** Pauses or resumes the Worker's receiving (what it has received it still handles). */
    void pauseWorker(boolean paused) {
        context.getBean(WorkerEndpoint.class).paused(paused);
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    String commandsTable() {
        return context.getBean(ServiceProperties.class).commandsTable();
    }

    @Override
    public void close() {
        context.close();
    }
}
