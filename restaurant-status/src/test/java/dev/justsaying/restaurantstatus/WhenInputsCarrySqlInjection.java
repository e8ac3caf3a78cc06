package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Classic SQL injection payloads through every input the API reads: each is refused or handled as plain data, the
 * restaurants table is intact, and a reason full of quotes is stored and texted exactly as sent.
 */
@ExtendWith(RunningService.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenInputsCarrySqlInjection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAYLOADS = List.of(
            "' OR 1=1 --", "1; DROP TABLE restaurants", "1' OR '1'='1", "'; DELETE FROM restaurants; --",
            "1 UNION SELECT id, name, phone, status, updated_at FROM restaurants", "\"); TRUNCATE restaurants; --",
            "1' AND pg_sleep(5) --", "$$; DROP TABLE restaurants; $$");
    private static final long KNOWN_ROW = 999;
    private static final long OWN_RESTAURANT = 11001;
    private static final String QUOTED_REASON = "O'Brien's \"kitchen\"; DROP TABLE restaurants; -- ' OR 1=1 --";

    private final List<HttpResponse<String>> answers = new ArrayList<>();
    private Map<String, Object> knownRowBefore;
    private String commandId;

    @BeforeAll
    void sendThePayloads(RunningService service) throws Exception {
        knownRowBefore = knownRow(service);
        service.newRestaurant(OWN_RESTAURANT, "+447700911001");
        for (String payload : PAYLOADS) {
            String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
            String quoted = JSON.writeValueAsString(payload);
            answers.add(service.put("/restaurants/" + encoded + "/status", "{\"status\":\"CLOSED\"}"));
            answers.add(service.send(service.request("/restaurants/" + encoded).GET()));
            answers.add(service.send(service.request("/commands/" + encoded).GET()));
            answers.add(service.put("/legacy/restaurants/" + encoded + "/status", "{\"status\":\"CLOSED\"}"));
            answers.add(service.put("/restaurants/" + KNOWN_ROW + "/status", "{\"status\":" + quoted + "}"));
            answers.add(service.put("/restaurants/status", "{\"status\":\"CLOSED\",\"restaurantIds\":[" + quoted + "]}"));
            answers.add(service.put("/restaurants/status", "{\"status\":\"CLOSED\",\"restaurantIds\":[1," + quoted + "]}"));
            answers.add(service.send(service.request("/restaurants/" + KNOWN_ROW + "/status")
                    .header("Authorization", "Bearer " + payload).PUT(json("{\"status\":\"CLOSED\"}"))));
            answers.add(service.put("/restaurants/" + OWN_RESTAURANT + "/status",
                    "{\"status\":\"OPEN\",\"notify\":false}", "Idempotency-Key", payload));
            answers.add(service.put("/restaurants/" + OWN_RESTAURANT + "/status",
                    "{\"status\":\"OPEN\",\"notify\":false}", "X-Forwarded-For", payload, "User-Agent", payload));
        }
        HttpResponse<String> quotedReason = service.put("/restaurants/" + OWN_RESTAURANT + "/status",
                "{\"status\":\"TEMPORARILY_CLOSED\",\"reason\":" + JSON.writeValueAsString(QUOTED_REASON) + "}");
        answers.add(quotedReason);
        commandId = RunningService.commandId(quotedReason);
        service.awaitState(commandId, CommandState.Succeeded);
    }

    @Test
    void everyPayloadIsRefusedOrHandledAsData() {
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 202, 400, 401, 404));
    }

    @Test
    void theRestaurantsTableIsIntact(RunningService service) {
        assertThat(service.jdbc().queryForObject("SELECT count(*) FROM restaurants WHERE id BETWEEN 1 AND 1000",
                Long.class)).isEqualTo(1_000);
        assertThat(knownRow(service)).isEqualTo(knownRowBefore);
    }

    @Test
    void aReasonWithQuotesIsStoredExactly(RunningService service) {
        assertThat(service.command(commandId).reason()).isEqualTo(QUOTED_REASON);
    }

    @Test
    void aReasonWithQuotesIsTextedExactly(RunningService service) {
        String to = "To=" + URLEncoder.encode("+447700911001", StandardCharsets.UTF_8);
        List<String> texts = service.stack().twilio().messageRequests().stream()
                .map(sms -> Arrays.asList(sms.getBodyAsString().split("&")))
                .filter(fields -> fields.contains(to))
                .flatMap(List::stream)
                .filter(field -> field.startsWith("Body="))
                .map(field -> URLDecoder.decode(field.substring("Body=".length()), StandardCharsets.UTF_8))
                .toList();
        assertThat(texts).containsExactly("Test Restaurant " + OWN_RESTAURANT + " is now temporarily closed: "
                + QUOTED_REASON);
    }

    private static Map<String, Object> knownRow(RunningService service) {
        return service.jdbc().queryForMap("SELECT id, name, phone, status, updated_at FROM restaurants WHERE id = ?",
                KNOWN_ROW);
    }
}
