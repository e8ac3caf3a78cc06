package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.subscribe.SubscriptionGroup;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheWorkerIsPausedAtRunTime {

    private static final String WORKER = "/actuator/worker";

    @Test
    void commandsWaitInTheQueueUntilItIsResumed(RunningService service) {
        SubscriptionGroup commands = service.bean(MessagingBus.class)
                .subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP);
        long restaurant = service.newRestaurant(3201, "+447700903201");
        try {
            HttpResponse<String> paused = service.send(service.authorized(WORKER).POST(json("{\"paused\": true}")));
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(RunningService.body(paused).get("paused").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> !commands.isReceiving());

            String id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                    "{\"status\":\"CLOSED\",\"reason\":\"paused worker\"}"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                    .until(() -> service.command(id).state() == CommandState.Queued);

            HttpResponse<String> resumed = service.send(service.authorized(WORKER).POST(json("{\"paused\": false}")));
            assertThat(RunningService.body(resumed).get("paused").asBoolean()).isFalse();
            service.awaitState(id, CommandState.Succeeded);
        } finally {
            commands.resume();
        }
    }

    @Test
    void pausingNeedsTheApiKeyAndReadingDoesNot(RunningService service) {
        assertThat(service.send(service.request(WORKER).POST(json("{\"paused\": true}"))).statusCode())
                .isEqualTo(401);
        HttpResponse<String> read = service.send(service.request(WORKER).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(RunningService.body(read).get("paused").asBoolean()).isFalse();
    }
}
