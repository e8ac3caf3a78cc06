package dev.justsaying.bus;

/** Message types of the bus tests. */
final class Messages {

    private Messages() {
    }

    record OrderPlaced(String orderId, int quantity) {
    }

    record OrderCancelled(String orderId) {
    }

    record PlaceOrder(String orderId) {
    }
}
