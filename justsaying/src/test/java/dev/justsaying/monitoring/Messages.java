package dev.justsaying.monitoring;

import dev.justsaying.handle.MessageContext;
import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.MessageMetadata;
import java.time.Instant;
import java.util.Map;

/** Message types of the monitoring tests, and contexts of received messages for the middleware's unit tests. */
final class Messages {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String SENDER_SPAN_ID = "b7ad6b7169203331";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01";

    private Messages() {
    }

    /** A message from the queue {@code orders} in eu-west-1 with these attributes. */
    static MessageContext receivedFromOrders(Map<String, MessageAttribute> attributes) {
        return new MessageContext("sqs-message-1", "PlaceOrder", MessageMetadata.newMessage().withConversation("conv-1"),
                1, Instant.now(), attributes, "orders", "http://127.0.0.1:1/000000000000/orders", "eu-west-1");
    }

    record PlaceOrder(String orderId) {
    }

    record OrderPlaced(String orderId) {
    }
}
