package dev.justsaying.spring;

/** Message types of the starter's tests. */
final class Messages {

    private Messages() {
    }

    record OrderPlaced(String orderId) {
    }

    record PlaceOrder(String orderId) {
    }
}
