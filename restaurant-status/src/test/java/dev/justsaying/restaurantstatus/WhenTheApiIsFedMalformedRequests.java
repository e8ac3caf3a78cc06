package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.restaurantstatus.support.RawHttp;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10,000 malformed requests, generated from a fixed seed, sent over raw HTTP (so path tricks and broken headers reach
 * the server as written): none may fail the server, and every refusal must be a problem document.
 */
@ExtendWith(RunningService.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhenTheApiIsFedMalformedRequests {

    private static final Logger log = LoggerFactory.getLogger(WhenTheApiIsFedMalformedRequests.class);
    private static final int REQUESTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] METHODS = {"PUT", "PUT", "PUT", "GET", "POST", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] PATHS = {
            "/restaurants/%s/status", "/restaurants/status", "/restaurants/%s", "/commands/%s",
            "/legacy/restaurants/%s/status", "/restaurants/../%s", "/restaurants/%s/../status", "/%s",
            "/restaurants/%s/status?x=%s", "/restaurants//status", "/restaurants/%%2e%%2e/%s", "/commands/%s/%s"};
    private static final String[] IDS = {
            "-1", "0", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999",
            "1e3", "1.5", "0x10", "abc", "%00", "%ff", "%", "%2F", "%2e%2e", "..", "%20", "NaN", "null", "1%00",
            "%E2%80%AE", "%F0%9F%8D%95", "1;drop", "1'", "~", "50001", "-0", "+7", "%EF%BC%91%EF%BC%92"};
    private static final String[] STATUSES = {
            "\"OPEN\"", "\"open\"", "\"ON_FIRE\"", "1", "-1", "null", "true", "[]", "{}", "\"\"", "\"CLOSED\\u0000\"",
            "\"\u00e9t\u00e9\"", "1e999", "\"OPEN\" ,\"status\":\"CLOSED\""};
    private static final String[] IDS_IN_BODY = {
            "[]", "[\"x\"]", "[1.5]", "[-1]", "[9223372036854775808]", "[null]", "\"1\"", "1", "{}", "[[1]]",
            "[50001, 50002]", "[true]", "[\"1; DROP TABLE restaurants\"]", "[1e400]"};
    private static final String[] CONTENT_TYPES = {
            "application/json", "text/plain", "application/xml", "application/json; charset=ebcdic", "*/*", "",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;;;", "\u00ff"};
    private static final String[] ACCEPTS = {
            "application/json", "application/problem+json", "text/html", "image/png", "*/*", "application/xml",
            "", ";;;", "text/*;q=abc"};
    private static final String[] AUTHORIZATIONS = {
            null, "Bearer " + RunningService.API_KEY, "Bearer " + RunningService.API_KEY, "Bearer", "Bearer ",
            "Basic bG9jYWw6a2V5", "bearer " + RunningService.API_KEY, "Bearer " + RunningService.API_KEY + "x",
            "Bearer \u00e9\u00e9"};

    private final Map<Integer, Integer> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    void sendThemAll(RunningService service) throws Exception {
        URI base = service.request("/").build().uri();
        Random random = new Random(20261122L);
        List<RawHttp.Request> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(malformed(random));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (RawHttp.Request request : requests) {
                results.add(pool.submit(() -> judge(request, RawHttp.send(base.getHost(), base.getPort(), request))));
            }
            for (Future<String> result : results) {
                String failure = result.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        log.info("{} malformed requests answered, by status: {}", REQUESTS, counts);
    }

    @Test
    void noneFailsTheServerAndEveryRefusalIsAProblem() {
        assertThat(failures).isEmpty();
    }

    @Test
    void everyRequestIsAnswered() {
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    }

    private String judge(RawHttp.Request request, RawHttp.Response response) {
        synchronized (counts) {
            counts.merge(response.status(), 1, Integer::sum);
        }
        if (response.status() >= 500) {
            return response.status() + " for " + request;
        }
        if (response.status() >= 400) {
            String type = response.header("content-type");
            if (type == null || !type.startsWith("application/problem+json")) {
                return response.status() + " as " + type + " for " + request;
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                if (body.path("status").asInt() != response.status() || !body.hasNonNull("title")) {
                    return response.status() + " with body " + response.body() + " for " + request;
                }
            } catch (IOException e) {
                return response.status() + " with unreadable body for " + request;
            }
        }
        return null;
    }

    private static RawHttp.Request malformed(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS).formatted(pick(random, IDS), pick(random, IDS));
        if (random.nextInt(50) == 0) {
            path = "/restaurants/" + "9".repeat(2_000 + random.nextInt(20_000)) + "/status";
        }
        List<String[]> headers = new ArrayList<>();
        String authorization = pick(random, AUTHORIZATIONS);
        if (authorization != null) {
            headers.add(new String[] {"Authorization", authorization});
        }
        headers.add(new String[] {"Content-Type", pick(random, CONTENT_TYPES)});
        if (random.nextBoolean()) {
            headers.add(new String[] {"Accept", pick(random, ACCEPTS)});
        }
        switch (random.nextInt(8)) {
            case 0 -> headers.add(new String[] {"Idempotency-Key", "k".repeat(random.nextInt(5_000))});
            case 1 -> headers.add(new String[] {"Idempotency-Key", "\u00e9\u0000\u202e"});
            case 2 -> headers.add(new String[] {"X-Junk", "v".repeat(random.nextInt(3_000))});
            case 3 -> headers.add(new String[] {"Content-Encoding", "gzip"});
            default -> { }
        }
        byte[] body = "GET".equals(method) || "OPTIONS".equals(method) ? new byte[0] : body(random);
        return new RawHttp.Request(method, path, headers, body);
    }

    private static byte[] body(Random random) {
        String status = pick(random, STATUSES);
        String text = switch (random.nextInt(10)) {
            case 0 -> "{\"status\":";
            case 1 -> "{\"status\":" + status + ",\"notify\":\"sometimes\"}";
            case 2 -> "{\"status\":" + status + ",\"reason\":" + random.nextLong() + "}";
            case 3 -> "{\"restaurantIds\":" + pick(random, IDS_IN_BODY) + ",\"status\":" + status + "}";
            case 4 -> "{\"status\":" + status + ",\"reason\":\"" + "\u00e9\ud83c\udf55".repeat(random.nextInt(6_000))
                    + "\"}";
            case 5 -> "[".repeat(1 + random.nextInt(5_000));
            case 6 -> "{\"status\":" + status + ",\"reason\":\"\\ud800\"}";
            case 7 -> {
                byte[] junk = new byte[random.nextInt(2_000)];
                random.nextBytes(junk);
                yield new String(junk, StandardCharsets.ISO_8859_1);
            }
            case 8 -> "{\"status\":" + status + ",\"restaurantIds\":[50001],\"extra\":{\"a\":" + "[".repeat(100) + "}}";
            default -> "{\"status\":" + status + "}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
