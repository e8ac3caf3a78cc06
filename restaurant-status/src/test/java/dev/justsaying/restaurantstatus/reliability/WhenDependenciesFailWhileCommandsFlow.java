package dev.justsaying.restaurantstatus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.localaws.Faults;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, fault 4, under load: while commands flow, PostgreSQL refuses connections, Twilio answers 500, Twilio
 * takes texts but answers later than the Worker waits, and DynamoDB turns slow and flaky — one after another, each
 * until the Worker has failed tries because of it (or, for DynamoDB, texted more), then restored. The commands are
 * queued first with the Worker paused, and it receives only while a fault is on, so every fault meets commands
 * however fast the Worker is. Every command still ends once, nobody is texted
 * twice, and the service is healthy afterwards.
 */
class WhenDependenciesFailWhileCommandsFlow {

    private static final int COMMANDS = Integer.getInteger("reliability.outage-commands", 320);
    private static final long FIRST_RESTAURANT = 300_000;
    private static final Duration TWILIO_TIMEOUT = Duration.ofSeconds(2);
    private static final int FAILED_TRIES_PER_FAULT = 8;

    @Test
    void everyCommandEndsOnceAndTheWorkerIsHealthyAfterwards() throws Exception {
        try (LocalService service = LocalService.start("api,worker",
                "--restaurant-status.twilio.timeout=" + TWILIO_TIMEOUT.toSeconds() + "s")) {
            TwilioStub twilio = service.stack().twilio();
            CommandFlow flow = CommandFlow.withRestaurants(service.jdbc(), FIRST_RESTAURANT, COMMANDS);
            long started = System.nanoTime();
            service.pauseWorker(true);
            CommandFlow.Submitted submitted = flow.submit(service::url, 16);

            try (Connection admin = DriverManager.getConnection(service.stack().jdbcUrl("template1"));
                 Statement sql = admin.createStatement()) {
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
                service.pauseWorker(false);
                try {
                    sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
                    awaitFailedTries(service);
                } finally {
                    service.pauseWorker(true);
                    sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
                }
            }
            whileFaulty(service, twilio::failEveryMessage, twilio::answerNormally);
            whileFaulty(service, () -> twilio.acceptButAnswerAfter(TWILIO_TIMEOUT.multipliedBy(2)),
                    twilio::answerNormally);
            Faults dynamo = service.stack().aws().dynamoDbFaults();
            dynamo.latency(Duration.ofMillis(100)).errorRate(0.3);
            int textsBefore = twilio.acceptedMessages().size();
            service.pauseWorker(false);
            try {
                awaitTexts(twilio, textsBefore + FAILED_TRIES_PER_FAULT);
            } finally {
                service.pauseWorker(true);
                dynamo.restore();
            }
            service.pauseWorker(false);

            CommandFlow.Tally tally = flow.settle(submitted, service.dynamo(), service.commandsTable(), twilio,
                    Duration.ofMinutes(5));

            System.out.println(tally.figures("PostgreSQL down, Twilio 500 then hanging, DynamoDB slow",
                    Duration.ofNanos(System.nanoTime() - started)) + " failedTries=" + failedTries(service));
            assertThat(tally.accepted()).as("accepted").isEqualTo(COMMANDS);
            tally.assertEachCommandCarriedOutOnce();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.url().resolve("/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\"UP\"");
        }
    }

    /** Starts a fault, lets the Worker receive until it has failed tries because of it, and ends it. */
    private static void whileFaulty(LocalService service, Runnable fault, Runnable restore) {
        fault.run();
        service.pauseWorker(false);
        try {
            awaitFailedTries(service);
        } finally {
            service.pauseWorker(true);
            restore.run();
        }
    }

    private static void awaitFailedTries(LocalService service) {
        double before = failedTries(service);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> failedTries(service) >= before + FAILED_TRIES_PER_FAULT);
    }

    private static void awaitTexts(TwilioStub twilio, int count) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> twilio.acceptedMessages().size() >= count);
    }

    /** The Worker's failed tries so far (each comes back and is tried again). */
    private static double failedTries(LocalService service) {
        Timer retried = service.meters().find(StatusChangeWorker.COMMAND_TIMER).tag("outcome", "retried").timer();
        return retried == null ? 0 : retried.count();
    }
}
