package dev.justsaying.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Message types used across the wire tests, shaped like the .NET messages they stand in for. */
final class TestMessages {

    private TestMessages() {
    }

    enum OrderStatus {
        PLACED,
        OPEN,
        @JsonProperty("TemporarilyClosed") TEMPORARILY_CLOSED
    }

    record OrderLine(String sku, int quantity) {
    }

    /** A record with every kind of property the .NET samples carry. */
    record OrderPlaced(long orderId, String customerName, OrderStatus status, Instant placedAt,
                       BigDecimal total, List<OrderLine> lines) {
    }

    /** A record whose timestamp is a .NET {@code DateTimeOffset}. */
    record TableBooked(UUID restaurantId, OffsetDateTime bookedFor) {
    }

    /** A record declaring a property that has a metadata field's name: its own value wins. */
    record TenantScoped(String tenant, String name) {
    }

    /** A record whose own {@code id} is not a UUID. */
    record NumberedThing(long id, String name) {
    }

    /** A message that carries nothing but its metadata. */
    record Ping() {
    }

    /** A classic mutable POJO with a no-argument constructor. */
    static final class RestaurantStatusChanged {
        private UUID restaurantId;
        private String newStatus;
        private boolean notifyByText;

        RestaurantStatusChanged() {
        }

        RestaurantStatusChanged(UUID restaurantId, String newStatus, boolean notifyByText) {
            this.restaurantId = restaurantId;
            this.newStatus = newStatus;
            this.notifyByText = notifyByText;
        }

        public UUID getRestaurantId() {
            return restaurantId;
        }

        public void setRestaurantId(UUID restaurantId) {
            this.restaurantId = restaurantId;
        }

        public String getNewStatus() {
            return newStatus;
        }

        public void setNewStatus(String newStatus) {
            this.newStatus = newStatus;
        }

        public boolean isNotifyByText() {
            return notifyByText;
        }

        public void setNotifyByText(boolean notifyByText) {
            this.notifyByText = notifyByText;
        }
    }

    static OrderPlaced anOrder() {
        return new OrderPlaced(42, "Ada", OrderStatus.OPEN, Instant.parse("2024-03-01T10:15:30.1234567Z"),
                new BigDecimal("12.50"), List.of(new OrderLine("PIZZA-1", 2)));
    }

    static MessageMetadata someMetadata() {
        return new MessageMetadata(UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
                Instant.parse("2024-03-01T10:15:31.7654321Z"), "OrderApi", null, null, "uk", "conversation-1");
    }
}
