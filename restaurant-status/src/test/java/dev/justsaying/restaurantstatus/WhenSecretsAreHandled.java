package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * While the service refuses a wrong key, accepts the right one, texts a restaurant and fails to text another (legacy
 * and queued), its log, its error bodies, its command views and its restaurant rows never show an API key, the Twilio auth token, the AWS
 * secret or a full phone number.
 */
@ExtendWith(RunningService.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenSecretsAreHandled {

    private static final String WRONG_KEY = "wrong-key-that-must-stay-secret";
    private static final String PHONE = "+447700911002";
    private static final long RESTAURANT = 11002;
    private static final long UNDELIVERABLE_RESTAURANT = 11003;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<HttpResponse<String>> answers = new ArrayList<>();
    private Logger root;

    @BeforeAll
    void runWithTheLogCaptured(RunningService service) {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);

        service.newRestaurant(RESTAURANT, PHONE);
        service.newRestaurant(UNDELIVERABLE_RESTAURANT,
                TwilioStub.UNDELIVERABLE_NUMBER);
        String body = "{\"status\":\"CLOSED\",\"reason\":\"secret test\"}";
        answers.add(service.send(service.request("/restaurants/" + RESTAURANT + "/status")
                .header("Authorization", "Bearer " + WRONG_KEY).PUT(json(body))));
        answers.add(service.send(service.request("/restaurants/" + RESTAURANT + "/status")
                .header("Authorization", WRONG_KEY).PUT(json(body))));
        answers.add(service.put("/restaurants/" + RESTAURANT + "/status", "{\"status\":"));
        answers.add(service.put("/legacy/restaurants/" + UNDELIVERABLE_RESTAURANT + "/status", body));
        HttpResponse<String> accepted = service.put("/restaurants/" + RESTAURANT + "/status", body);
        answers.add(accepted);
        String commandId = RunningService.commandId(accepted);
        service.awaitState(commandId, CommandState.Succeeded);
        answers.add(service.send(service.request("/commands/" + commandId).GET()));
        String neverTexted = RunningService.commandId(
                service.put("/restaurants/" + UNDELIVERABLE_RESTAURANT + "/status", body));
        service.awaitState(neverTexted, CommandState.Failed);
        answers.add(service.send(service.request("/commands/" + neverTexted).GET()));
        answers.add(service.send(service.request("/restaurants/" + RESTAURANT).GET()));
    }

    @AfterAll
    void stopCapturing() {
        root.detachAppender(logged);
        logged.stop();
    }

    @Test
    void theCommandWasTextedWhileTheLogWasCaptured(RunningService service) {
        assertThat(service.stack().twilio().messagesDeliveredTo(PHONE)).isEqualTo(1);
        assertThat(logged.list).isNotEmpty();
    }

    @Test
    void noLogLineShowsASecretOrAPhoneNumber(RunningService service) {
        List<String> lines = logged.list.stream()
                .map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(secrets(service)));
    }

    /** Error bodies, command views (with their error detail) and the restaurant's row, an open read. */
    @Test
    void noAnswerShowsASecretOrAPhoneNumber(RunningService service) {
        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 202, 400, 401, 502);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.body() + answer.headers().map())
                .doesNotContain(secrets(service)));
    }

    private static String[] secrets(RunningService service) {
        return new String[] {RunningService.API_KEY, WRONG_KEY,
                service.bean(ServiceProperties.class).twilio().authToken(),
                LocalAws.credentials().resolveCredentials().secretAccessKey(), PHONE,
                TwilioStub.UNDELIVERABLE_NUMBER};
    }
}
