package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.LocalStack;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.restaurantstatus.support.ServiceArguments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(RunningService.class)
class WhenTwoWorkersShareTheQueue {

    private static final int COMMANDS = 30;
    private static final long FIRST_RESTAURANT = 8001;

    @Test
    void everyCommandIsCarriedOutOnce(RunningService service) {
        try (ConfigurableApplicationContext secondWorker = startWorkerOn(service.stack())) {
            List<String> ids = new ArrayList<>();
            for (long restaurant = FIRST_RESTAURANT; restaurant < FIRST_RESTAURANT + COMMANDS; restaurant++) {
                service.newRestaurant(restaurant, "+44770090" + restaurant);
                ids.add(RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                        "{\"status\":\"TEMPORARILY_CLOSED\"}")));
            }

            ids.forEach(id -> service.awaitState(id, CommandState.Succeeded));

            for (long restaurant = FIRST_RESTAURANT; restaurant < FIRST_RESTAURANT + COMMANDS; restaurant++) {
                assertThat(service.stack().twilio().messagesDeliveredTo("+44770090" + restaurant))
                        .as("texts to restaurant %d", restaurant).isEqualTo(1);
            }
        }
    }

    /** A Worker-only process on another profile, pointed at the running service's stack through properties. */
    private static ConfigurableApplicationContext startWorkerOn(LocalStack stack) {
        List<String> args = new ArrayList<>(ServiceArguments.pointedAt(stack, "second-worker", "worker"));
        args.add("--server.port=0");
        return new SpringApplicationBuilder(RestaurantStatusApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("localAwsCredentials", LocalAws.credentials()))
                .run(args.toArray(String[]::new));
    }
}
