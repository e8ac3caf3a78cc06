package dev.justsaying.localaws.sns;

/**
 * A snapshot of the deliveries from an {@link SnsServer} into SQS: messages delivered, messages given up on (queue
 * gone, region unknown, retries exhausted), and messages accepted but not yet settled either way.
 */
public record DeliveryStats(long delivered, long failed, long pending) {
}
