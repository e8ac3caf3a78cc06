package dev.justsaying.localaws.sns;

import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Where an {@link SnsServer} delivers: the SQS client of a region of the stack, empty if the region is unknown. A
 * subscription's queue ARN names the region, so a topic can deliver to a queue of another region.
 */
@FunctionalInterface
public interface SqsDeliveryTargets {

    Optional<SqsAsyncClient> sqsFor(String region);
}
