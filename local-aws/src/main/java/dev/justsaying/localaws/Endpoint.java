package dev.justsaying.localaws;

import java.net.URI;
import java.util.Objects;

/**
 * One service endpoint of the local cloud, as the command line prints it: {@code <region> <service> <url>}.
 *
 * @param region  the region it belongs to (DynamoDB is shared: it is listed under every region's name it serves)
 * @param service {@code sqs}, {@code sns} or {@code dynamodb}
 * @param url     where an SDK client's endpoint override should point
 */
public record Endpoint(String region, String service, URI url) {

    public Endpoint {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return region + " " + service + " " + url;
    }
}
