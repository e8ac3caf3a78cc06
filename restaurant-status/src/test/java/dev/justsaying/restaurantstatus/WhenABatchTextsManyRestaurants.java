package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenABatchTextsManyRestaurants {

    private static final int RESTAURANTS = 10;

    /**
     * The stub holds every text until ten are in progress at once: sent one after the other, the first would wait
     * alone until the hold gives up, and the most in flight would stay at one.
     */
    @Test
    void theTextsGoOutTogetherAndEachRestaurantIsTextedOnce(RunningService service) {
        TwilioStub twilio = service.stack().twilio();
        List<Long> ids = LongStream.rangeClosed(3101, 3100 + RESTAURANTS)
                .map(id -> service.newRestaurant(id, "+44770090" + id))
                .boxed().toList();
        twilio.holdMessagesUntilInFlight(RESTAURANTS, Duration.ofSeconds(30));
        try {
            String id = RunningService.commandId(service.put("/restaurants/status", "{\"restaurantIds\":["
                    + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + "],\"status\":\"CLOSED\",\"reason\":\"power cut\"}"));

            service.awaitState(id, CommandState.Succeeded);
            assertThat(twilio.mostMessagesInFlight()).as("texts in progress at once").isGreaterThanOrEqualTo(RESTAURANTS);
            for (long restaurant : ids) {
                assertThat(twilio.messagesDeliveredTo("+44770090" + restaurant)).isEqualTo(1);
            }
            assertThat(service.command(id).texted()).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            twilio.answerNormally();
        }
    }
}
