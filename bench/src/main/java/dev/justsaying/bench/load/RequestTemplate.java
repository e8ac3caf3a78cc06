package dev.justsaying.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The request a load run repeats: a method, a path whose {@code {id}} is replaced by a restaurant id drawn from
 * 1..{@code maxId}, a JSON body and a bearer key. One value, so every request of a run is alike but for the id.
 */
public record RequestTemplate(String method, String path, String jsonBody, String bearerKey, int maxId) {

    /** The placeholder in {@link #path()} that each request replaces with its id. */
    public static final String ID = "{id}";

    public RequestTemplate {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(jsonBody, "jsonBody");
        Objects.requireNonNull(bearerKey, "bearerKey");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        if (maxId < 1) {
            throw new IllegalArgumentException("maxId must be at least 1: " + maxId);
        }
    }

    /** The request for restaurant {@code id} against {@code base} (scheme, host and port only). */
    HttpRequest toRequest(URI base, long id, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path.replace(ID, Long.toString(id))))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearerKey)
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
    }
}
