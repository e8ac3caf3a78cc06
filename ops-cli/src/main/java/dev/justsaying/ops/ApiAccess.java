package dev.justsaying.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the service commands reach a JustSaying service over HTTP ({@code --api}): bounded timeouts, redirects not
 * followed (a 303 is an answer), connection failures as {@link OpsFailure#UNREACHABLE}, and JSON printed readably.
 */
final class ApiAccess {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = new JsonMapper();

    @Option(names = "--api", required = true, paramLabel = "URL",
            description = "The service's base URL, e.g. http://127.0.0.1:8080")
    private URI api;

    /** An answer: its status, body and {@code Location} header. */
    record Answer(int status, String body, Optional<String> location) {

        /** The body indented if it is JSON, else as it came. */
        String prettyBody() {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
            } catch (JsonProcessingException notJson) {
                return body;
            }
        }

        /** What went wrong as the service says it (a problem's {@code detail}), else the status and body. */
        String problem() {
            try {
                JsonNode detail = JSON.readTree(body).path("detail");
                if (detail.isTextual()) {
                    return detail.asText() + " (HTTP " + status + ")";
                }
            } catch (JsonProcessingException notJson) {
                // fall through to the raw answer
            }
            return "HTTP " + status + (body.isBlank() ? "" : ": " + body.strip());
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POSTs JSON with the API key as a bearer token (never printed). */
    Answer post(String path, Object json, String apiKey) {
        String body;
        try {
            body = JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The value percent-encoded as one path segment (an id or a group name). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(api.toString().replaceAll("/+$", "") + path);
    }

    private Answer send(HttpRequest.Builder request) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw OpsFailure.unreachable("cannot reach the API at " + api + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.failed("interrupted while calling " + api);
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " " + e.getMessage();
    }
}
