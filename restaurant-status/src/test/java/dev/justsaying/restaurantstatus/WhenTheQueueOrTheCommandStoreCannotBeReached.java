package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.Faults;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheQueueOrTheCommandStoreCannotBeReached {

    private static final String BODY = "{\"status\":\"CLOSED\"}";

    @Test
    void aCommandThatCannotBeQueuedIsNotAcceptedAndTheSameRequestWorksLater(RunningService service) {
        long restaurant = service.newRestaurant(9001, "+447700909001");
        Faults queue = service.stack().aws().region("eu-west-1").faults();
        HttpResponse<String> refused;
        queue.outage();
        try {
            refused = service.put("/restaurants/" + restaurant + "/status", BODY, "Idempotency-Key", "outage-9001");
        } finally {
            queue.restore();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> retried = service.put("/restaurants/" + restaurant + "/status", BODY,
                "Idempotency-Key", "outage-9001");
        assertThat(retried.statusCode()).isEqualTo(202);
        service.awaitState(RunningService.commandId(retried), CommandState.Succeeded);
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700909001")).isEqualTo(1);
    }

    @Test
    void aCommandStoreOutageIsA503ProblemNotA500(RunningService service) {
        Faults dynamo = service.stack().aws().dynamoDbFaults();
        HttpResponse<String> refused;
        dynamo.outage();
        try {
            refused = service.put("/restaurants/1/status", BODY);
        } finally {
            dynamo.restore();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
}
