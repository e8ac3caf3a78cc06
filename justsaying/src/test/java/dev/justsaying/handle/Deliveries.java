package dev.justsaying.handle;

import dev.justsaying.wire.MessageMetadata;
import java.time.Instant;
import java.util.Map;

/** Deliveries for unit tests of middleware. */
final class Deliveries {

    private Deliveries() {
    }

    static Delivery of(Object message, int receiveCount) {
        return new Delivery(message, context("m-" + message.hashCode(), receiveCount), "TestHandler");
    }

    static MessageContext context(String messageId, int receiveCount) {
        return new MessageContext(messageId, "OrderPlaced", MessageMetadata.newMessage(), receiveCount, Instant.now(),
                Map.of(), "orders", "http://127.0.0.1/000000000000/orders", "eu-west-1");
    }
}
