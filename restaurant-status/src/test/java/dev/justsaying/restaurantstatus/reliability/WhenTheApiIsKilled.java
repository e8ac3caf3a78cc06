package dev.justsaying.restaurantstatus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.support.ChildService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, fault 2: the API, a process of its own, is killed with SIGKILL twice while clients send commands (and
 * send again, with the same idempotency key, what got no answer). A command recorded by a killed API whose message
 * never left is re-queued by the restarted API's sweeper.
 */
class WhenTheApiIsKilled {

    private static final int COMMANDS = Integer.getInteger("reliability.api-commands", 400);
    private static final int KILLS = 2;
    private static final long FIRST_RESTAURANT = 200_000;
    private static final Path LOGS = Path.of("target", "reliability");
    private static final Pattern REQUEUED = Pattern.compile("(?m)^restaurant_status_sweeper_requeued_total\\S* (\\S+)$");

    @Test
    void everyAcceptedCommandEndsAndNoneIsLeftQueued() throws Exception {
        try (LocalService worker = LocalService.start("worker")) {
            CommandFlow flow = CommandFlow.withRestaurants(worker.jdbc(), FIRST_RESTAURANT, COMMANDS);
            AtomicReference<ChildService> api = new AtomicReference<>(startApi(worker, 0));
            try {
                long started = System.nanoTime();
                CompletableFuture<CommandFlow.Submitted> submitting =
                        CompletableFuture.supplyAsync(() -> flow.submit(() -> api.get().url(), 16));
                for (int kill = 1; kill <= KILLS; kill++) {
                    int answeredBeforeKill = kill * COMMANDS / (KILLS + 1);
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                            .until(() -> flow.answered() >= answeredBeforeKill);
                    api.get().kill();
                    api.set(startApi(worker, kill));
                }
                CommandFlow.Submitted submitted = submitting.get(10, TimeUnit.MINUTES);

                CommandFlow.Tally tally = flow.settle(submitted, worker.dynamo(), worker.commandsTable(),
                        worker.stack().twilio(), Duration.ofMinutes(5));

                System.out.println(tally.figures("API killed " + KILLS + " times",
                        Duration.ofNanos(System.nanoTime() - started))
                        + " requeuedBySweeper=" + requeued(api.get().url()));
                assertThat(tally.accepted()).as("accepted").isEqualTo(COMMANDS);
                tally.assertEachCommandCarriedOutOnce();
            } finally {
                api.get().close();
            }
        }
    }

    /** An API process whose sweeper looks every second for commands waiting more than 10 s. */
    private static ChildService startApi(LocalService worker, int generation) {
        return ChildService.start("api", worker.stack(), LOGS.resolve("api-" + generation + ".log"),
                "--restaurant-status.sweeper.after=PT10S", "--restaurant-status.sweeper.interval=PT1S");
    }

    /** The sweeper's count of re-queued commands in the API process now running. */
    private static String requeued(URI api) throws Exception {
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher count = REQUEUED.matcher(scrape);
        return count.find() ? count.group(1) : "?";
    }
}
