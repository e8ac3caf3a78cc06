package dev.justsaying.restaurantstatus;

import static dev.justsaying.restaurantstatus.support.RunningService.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.support.RunningService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenARequestIsTurnedDown {

    @Test
    void malformedJsonIsA400Problem(RunningService service) {
        assertProblem(service.put("/restaurants/1/status", "{\"status\":"), 400);
    }

    @Test
    void anUnknownStatusIsA400ProblemNamingTheStatuses(RunningService service) {
        HttpResponse<String> response = service.put("/restaurants/1/status", "{\"status\":\"ON_FIRE\"}");
        assertProblem(response, 400);
        assertThat(response.body()).contains("ON_FIRE").contains("TEMPORARILY_CLOSED");
    }

    @Test
    void aMissingStatusIsA400Problem(RunningService service) {
        assertProblem(service.put("/restaurants/1/status", "{\"reason\":\"none\"}"), 400);
    }

    @Test
    void anUnknownRestaurantIsA404ProblemNamingIt(RunningService service) {
        HttpResponse<String> response = service.put("/restaurants/999999/status", "{\"status\":\"OPEN\"}");
        assertProblem(response, 404);
        assertThat(RunningService.body(response).get("missingIds").get(0).asLong()).isEqualTo(999999);
    }

    @Test
    void tooManyIdsIsA400Problem(RunningService service) {
        String ids = LongStream.rangeClosed(1, 101).mapToObj(Long::toString).collect(Collectors.joining(","));
        assertProblem(service.put("/restaurants/status", "{\"status\":\"OPEN\",\"restaurantIds\":[" + ids + "]}"),
                400);
    }

    @Test
    void anOversizedBodyIsA413Problem(RunningService service) {
        String reason = "x".repeat(20_000);
        assertProblem(service.put("/restaurants/1/status", "{\"status\":\"OPEN\",\"reason\":\"" + reason + "\"}"),
                413);
    }

    @Test
    void anOversizedBodyWithoutAContentLengthIsA413Problem(RunningService service) {
        byte[] body = ("{\"status\":\"OPEN\",\"reason\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = service.send(service.authorized("/restaurants/1/status")   // no length: chunked
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413);
    }

    @Test
    void aWriteWithoutAKeyIsA401Problem(RunningService service) {
        HttpResponse<String> response = service.send(service.request("/restaurants/1/status")
                .PUT(json("{\"status\":\"OPEN\"}")));
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aWriteWithAWrongKeyIsA401Problem(RunningService service) {
        assertProblem(service.send(service.request("/restaurants/1/status")
                .header("Authorization", "Bearer not-the-key").PUT(json("{\"status\":\"OPEN\"}"))), 401);
    }

    @Test
    void anUnknownCommandIsA404Problem(RunningService service) {
        assertProblem(service.send(service.request("/commands/no-such-command").GET()), 404);
    }

    @Test
    void readsAndHealthNeedNoKey(RunningService service) {
        assertThat(service.send(service.request("/restaurants/1").GET()).statusCode()).isEqualTo(200);
        assertThat(service.send(service.request("/actuator/health").GET()).statusCode()).isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(RunningService.body(response).get("status").asInt()).isEqualTo(status);
    }
}
