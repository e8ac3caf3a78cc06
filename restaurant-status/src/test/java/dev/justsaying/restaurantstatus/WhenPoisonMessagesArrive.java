package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Messages no try can mend: a body that is not JSON, a type nobody handles, a command whose fields do not
 * deserialize (each moved to the error queue at once, by the bus), and a command naming a restaurant the database
 * does not have (tried until its receives run out, then moved to the error queue and marked 'Failed' with the
 * reason). Meanwhile other commands keep going through.
 */
@ExtendWith(RunningService.class)
class WhenPoisonMessagesArrive {

    private static final long UNKNOWN_RESTAURANT = 9_999_999;

    @Test
    void theyGoToTheErrorQueueAndTheRestKeepsFlowing(RunningService service) {
        double movedBefore = movedToErrorQueue(service);
        SqsClient sqs = service.stack().aws().regions().get(0).sqsClient();
        String queue = sqs.getQueueUrl(r -> r.queueName("restaurant-status-commands")).queueUrl();
        for (String body : List.of(
                "{this is not json",
                "{\"Subject\":\"SomethingNobodyHandles\",\"Message\":\"{}\"}",
                "{\"Subject\":\"ChangeRestaurantStatus\",\"Message\":\"{\\\"CommandId\\\":\\\"x\\\","
                        + "\\\"RestaurantIds\\\":\\\"not a list\\\"}\"}")) {
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }
        Command unknownRestaurant = Command.queued(UUID.randomUUID().toString(), List.of(UNKNOWN_RESTAURANT),
                RestaurantStatus.CLOSED, "poison", true, Instant.now());
        service.bean(CommandStore.class).createUnlessPresent(unknownRestaurant);
        service.bean(MessagePublisher.class).publish(unknownRestaurant.toMessage()).join();

        long restaurant = service.newRestaurant(5301, "+447700905301");
        String healthy = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                "{\"status\":\"CLOSED\"}"));

        service.awaitState(healthy, CommandState.Succeeded);
        Command failed = service.awaitState(unknownRestaurant.id(), CommandState.Failed);
        assertThat(failed.errorDetail()).contains("no restaurant with id [" + UNKNOWN_RESTAURANT + "]");
        assertThat(failed.texted()).isEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> movedToErrorQueue(service) >= movedBefore + 4);
    }

    /** Messages the bus has moved to an error queue so far, whatever their type. */
    private static double movedToErrorQueue(RunningService service) {
        return service.bean(MeterRegistry.class).find("justsaying.error.queue").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
