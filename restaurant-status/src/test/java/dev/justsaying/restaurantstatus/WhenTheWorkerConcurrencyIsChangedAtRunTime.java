package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.MessagingBus;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.subscribe.ConcurrencyLimit;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheWorkerConcurrencyIsChangedAtRunTime {

    private static final String GROUP = "/actuator/justsaying/" + MessagingConfiguration.COMMANDS_GROUP;

    @Test
    void theActuatorEndpointSetsTheCommandsGroupLimit(RunningService service) {
        ConcurrencyLimit limit = service.bean(MessagingBus.class)
                .subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP).concurrencyLimit();
        int configured = limit.limit();
        try {
            HttpResponse<String> response = service.send(service.authorized(GROUP)
                    .POST(json("{\"concurrencyLimit\": 3}")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(limit.limit()).isEqualTo(3);
        } finally {
            limit.setLimit(configured);
        }
    }

    @Test
    void changingItNeedsTheApiKey(RunningService service) {
        HttpResponse<String> response = service.send(service.request(GROUP).POST(json("{\"concurrencyLimit\": 3}")));

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
