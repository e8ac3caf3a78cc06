package dev.justsaying.handle.lock;

import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.wire.MessageMetadata;
import java.time.Instant;
import java.util.Map;

/** Deliveries of one message (one JustSaying Id) as SQS hands out its copies: each with an SQS id and region. */
final class Copies {

    static final String HANDLER = "dev.example.ChargeCustomer";

    private final MessageMetadata metadata = MessageMetadata.newMessage();

    /** A copy received from the queue of {@code region} under the SQS message id {@code sqsMessageId}. */
    Delivery copy(String sqsMessageId, String region) {
        return copy(sqsMessageId, region, HANDLER);
    }

    Delivery copy(String sqsMessageId, String region, String handlerName) {
        MessageContext context = new MessageContext(sqsMessageId, "OrderPlaced", metadata, 1, Instant.now(), Map.of(),
                "orders", "http://127.0.0.1/000000000000/orders", region);
        return new Delivery("order", context, handlerName);
    }

    /** The lock key every copy of the message has for {@link #HANDLER}. */
    String key() {
        return HANDLER + ":" + metadata.id();
    }
}
