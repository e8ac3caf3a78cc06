package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Twilio takes a text but its answer comes later than the Worker waits: the Worker cannot know whether the text went
 * out. The next try reads Twilio's message log, finds it, and does not send it again.
 */
@ExtendWith(RunningService.class)
class WhenTheSmsProviderHangs {

    private static final String PHONE = "+447700905101";

    @Test
    void theTextAcceptedWithoutAnAnswerIsFoundInTwiliosLogAndNotSentAgain(RunningService service) {
        TwilioStub twilio = service.stack().twilio();
        long restaurant = service.newRestaurant(5101, PHONE);
        long logReadsBefore = twilio.messageLogReads();
        String id;
        twilio.acceptButAnswerAfter(RunningService.TWILIO_TIMEOUT.multipliedBy(2));
        try {
            id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                    "{\"status\":\"CLOSED\",\"reason\":\"the line hangs\"}"));
            Command timedOut = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.command(id), command -> command.errorDetail() != null);
            assertThat(timedOut.errorDetail()).containsIgnoringCase("timed out");
            assertThat(timedOut.texted()).as("texts recorded").isEmpty();
            assertThat(timedOut.smsIntended()).as("texts intended").containsExactly(restaurant);
        } finally {
            twilio.answerNormally();
        }

        Command done = service.awaitState(id, CommandState.Succeeded);

        assertThat(done.attempts()).as("tries").isGreaterThanOrEqualTo(2);
        assertThat(twilio.messagesDeliveredTo(PHONE)).as("texts accepted by Twilio").isEqualTo(1);
        assertThat(twilio.messageLogReads()).as("reads of Twilio's message log").isGreaterThan(logReadsBefore);
    }
}
