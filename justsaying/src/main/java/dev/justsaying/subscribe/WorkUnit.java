package dev.justsaying.subscribe;

import java.util.List;
import java.util.Objects;

/**
 * What the dispatcher hands to a handler thread: messages from one queue for one handler (one message, or a batch
 * for a batch handler), one message that cannot be delivered and must go to the error queue, or — for a FIFO
 * message group — such units to take one after another, in order.
 *
 * @param subscription  the queue they came from
 * @param binding       the handler; null for an undeliverable message and for a sequence
 * @param messages      the messages, in the order received
 * @param undeliverable why the message cannot be delivered; null for deliverable work
 * @param steps         the units of a sequence, in order; empty for any other unit
 */
record WorkUnit(QueueSubscription subscription, HandlerBinding binding, List<QueueSubscription.Inbound> messages,
                String undeliverable, List<WorkUnit> steps) {

    WorkUnit {
        Objects.requireNonNull(subscription, "subscription");
        messages = List.copyOf(messages);
        steps = List.copyOf(steps);
        int kinds = (binding != null ? 1 : 0) + (undeliverable != null ? 1 : 0) + (steps.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a unit has either a handler, a reason it cannot be delivered, or steps");
        }
    }

    static WorkUnit of(QueueSubscription subscription, HandlerBinding binding, List<QueueSubscription.Inbound> messages) {
        return new WorkUnit(subscription, binding, messages, null, List.of());
    }

    static WorkUnit undeliverable(QueueSubscription subscription, QueueSubscription.Inbound message, String reason) {
        return new WorkUnit(subscription, null, List.of(message), reason, List.of());
    }

    /** Units taken one after another: a later one starts only once the one before it succeeded. */
    static WorkUnit inOrder(QueueSubscription subscription, List<WorkUnit> steps) {
        return new WorkUnit(subscription, null,
                steps.stream().flatMap(step -> step.messages().stream()).toList(), null, steps);
    }

    /** One message for a handler that takes one at a time: the common unit, which a receive's run handles itself. */
    boolean isOneForASingleHandler() {
        return binding != null && !binding.isBatch() && messages.size() == 1;
    }

    int size() {
        return messages.size();
    }

    /** Handler slots it takes: a sequence runs one step at a time. */
    int concurrency() {
        return steps.isEmpty() ? size() : steps.stream().mapToInt(WorkUnit::concurrency).max().orElse(1);
    }
}
