package dev.justsaying.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One text scrape of a service's {@code /actuator/prometheus}, read by metric: a histogram by bucket
 * ({@link BucketHistogram}), or the sum of a sample's values over the label sets that match. Benchmarks take one
 * before and one after a run and subtract, so each run counts only its own observations.
 */
final class PrometheusScrape {

    private static final String PATH = "/actuator/prometheus";

    private final String text;

    PrometheusScrape(String text) {
        this.text = text;
    }

    /** Scrapes {@code service} now. */
    static PrometheusScrape of(HttpClient client, URI service) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(PATH)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(PATH + " answered " + answer.statusCode());
            }
            return new PrometheusScrape(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The {@code <metric>_bucket} series, summed by bucket over label sets. */
    BucketHistogram histogram(String metric) {
        return BucketHistogram.parse(text, metric);
    }

    /**
     * The sum of sample {@code name}'s values (e.g. {@code x_seconds_sum}) over its label sets that contain
     * {@code label} (e.g. {@code stage="sms"}; empty for all); 0 if there are none.
     */
    double sum(String name, String label) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return sum;
    }
}
