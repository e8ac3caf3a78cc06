package dev.justsaying.publish;

import java.util.Objects;
import java.util.UUID;

/**
 * A message that AWS accepted.
 *
 * @param messageId   the id SNS or SQS gave it
 * @param id          its JustSaying {@code Id}, as handlers see it in their metadata
 * @param destination the topic ARN or queue URL it went to
 * @param region      the region it was published in
 */
public record PublishResult(String messageId, UUID id, String destination, String region) {

    public PublishResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(region, "region");
    }
}
