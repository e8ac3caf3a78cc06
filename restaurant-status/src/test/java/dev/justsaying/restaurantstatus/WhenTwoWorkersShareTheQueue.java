package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalRegion;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.LocalStack;
import dev.justsaying.restaurantstatus.support.RunningService;
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
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=second-worker",
                "--server.port=0",
                "--restaurant-status.roles=worker",
                "--restaurant-status.api-keys=unused",
                "--restaurant-status.worker.first-backoff=1s",
                "--restaurant-status.worker.max-backoff=2s",
                "--restaurant-status.dynamodb-endpoint=" + stack.aws().dynamoDbEndpoint(),
                "--restaurant-status.twilio.account-sid=ACLOCAL0000000000000000000000000000",
                "--restaurant-status.twilio.auth-token=local-placeholder-token",
                "--restaurant-status.twilio.from-number=+15005550006",
                "--restaurant-status.twilio.endpoint=" + stack.twilio().endpoint(),
                "--spring.datasource.url=" + stack.jdbcUrl(),
                "--spring.flyway.enabled=false"));
        List<String> regions = new ArrayList<>();
        for (LocalRegion region : stack.aws().regions()) {
            regions.add(region.name());
            args.add("--justsaying.endpoints." + region.name() + ".sqs=" + region.sqsEndpoint());
            args.add("--justsaying.endpoints." + region.name() + ".sns=" + region.snsEndpoint());
        }
        args.add("--justsaying.regions=" + String.join(",", regions));
        return new SpringApplicationBuilder(RestaurantStatusApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("localAwsCredentials", LocalAws.credentials()))
                .run(args.toArray(String[]::new));
    }
}
