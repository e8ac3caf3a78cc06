package dev.justsaying.subscribe;

import java.util.List;
import java.util.Objects;

/**
 * What the dispatcher hands to a handler thread: messages from one queue for one handler (one message, or a batch
 * for a batch handler), or one message that cannot be delivered and must go to the error queue.
 *
 * @param subscription  the queue they came from
 * @param binding       the handler; null for an undeliverable message
 * @param messages      the messages, in the order received
 * @param undeliverable why the message cannot be delivered; null for deliverable work
 */
record WorkUnit(QueueSubscription subscription, HandlerBinding binding, List<QueueSubscription.Inbound> messages,
                String undeliverable) {

    WorkUnit {
        Objects.requireNonNull(subscription, "subscription");
        messages = List.copyOf(messages);
        if ((binding == null) == (undeliverable == null)) {
            throw new IllegalArgumentException("a unit has either a handler or a reason it cannot be delivered");
        }
    }

    static WorkUnit of(QueueSubscription subscription, HandlerBinding binding, List<QueueSubscription.Inbound> messages) {
        return new WorkUnit(subscription, binding, messages, null);
    }

    static WorkUnit undeliverable(QueueSubscription subscription, QueueSubscription.Inbound message, String reason) {
        return new WorkUnit(subscription, null, List.of(message), reason);
    }

    int size() {
        return messages.size();
    }
}
