package dev.justsaying.restaurantstatus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.ChildService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, fault 1: the Worker, a process of its own, is killed with SIGKILL three times while commands flow
 * ({@code -Dreliability.commands=10000} for the README's run; fewer by default to keep the profile short).
 */
class WhenTheWorkerIsKilled {

    private static final int COMMANDS = Integer.getInteger("reliability.commands", 400);
    private static final int KILLS = 3;
    private static final long FIRST_RESTAURANT = 100_000;
    private static final Path LOGS = Path.of("target", "reliability");

    @Test
    void everyCommandEndsWithItsChangeMadeAndNoRestaurantTextedTwice() throws Exception {
        try (LocalService api = LocalService.start("api")) {
            TwilioStub twilio = api.stack().twilio();
            CommandFlow flow = CommandFlow.withRestaurants(api.jdbc(), FIRST_RESTAURANT, COMMANDS);
            ChildService worker = ChildService.start("worker", api.stack(), LOGS.resolve("worker-0.log"));
            try {
                long started = System.nanoTime();
                CompletableFuture<CommandFlow.Submitted> submitting =
                        CompletableFuture.supplyAsync(() -> flow.submit(api::url, 16));
                for (int kill = 1; kill <= KILLS; kill++) {
                    int textsBeforeKill = kill * COMMANDS / (KILLS + 1);
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                            .until(() -> twilio.acceptedMessages().size() >= textsBeforeKill);
                    worker.kill();
                    worker = ChildService.start("worker", api.stack(), LOGS.resolve("worker-" + kill + ".log"));
                }
                CommandFlow.Submitted submitted = submitting.get(10, TimeUnit.MINUTES);

                CommandFlow.Tally tally = flow.settle(submitted, api.dynamo(), api.commandsTable(), twilio,
                        Duration.ofMinutes(10));

                System.out.println(tally.figures("worker killed " + KILLS + " times",
                        Duration.ofNanos(System.nanoTime() - started)));
                assertThat(tally.accepted()).as("accepted").isEqualTo(COMMANDS);
                tally.assertEachCommandCarriedOutOnce();
            } finally {
                worker.close();
            }
        }
    }
}
