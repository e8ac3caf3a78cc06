package dev.justsaying.subscribe;

import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MalformedMessageException;
import dev.justsaying.wire.ReceivedEnvelope;
import dev.justsaying.wire.SdkMessageAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One queue in one region and the message types it carries, each bound to its handler. It sorts what a receive
 * brings into units of work: one message for a single handler, all the messages of one type for a batch handler,
 * and a unit of its own for each message that cannot be handled (unreadable, or of a type nobody handles). From a
 * FIFO queue, each message group's messages form one sequence instead, so they are handled in order.
 */
public final class QueueSubscription {

    private final QueueEndpoint endpoint;
    private final Map<String, HandlerBinding> bindingsByType;
    private final EnvelopeReader envelopes;

    /**
     * @param bindings the handlers of the queue's types; if there is just one, it also takes messages whose type
     *                 the wire does not say (raw messages without a type attribute)
     */
    public QueueSubscription(QueueEndpoint endpoint, List<HandlerBinding> bindings, EnvelopeReader envelopes) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        Map<String, HandlerBinding> byType = new LinkedHashMap<>();
        for (HandlerBinding binding : bindings) {
            if (byType.putIfAbsent(binding.typeName(), binding) != null) {
                throw new IllegalArgumentException("two handlers for " + binding.typeName() + " on " + endpoint
                        + ": a type has one handler per queue");
            }
        }
        if (byType.isEmpty()) {
            throw new IllegalArgumentException("no handler for any message type on " + endpoint);
        }
        this.bindingsByType = Map.copyOf(byType);
    }

    public QueueEndpoint endpoint() {
        return endpoint;
    }

    /** The handlers by type name. */
    public Map<String, HandlerBinding> bindings() {
        return bindingsByType;
    }

    /**
     * Sorts received messages into units of work, keeping their order within each unit. From a FIFO queue, the
     * messages of one message group become one sequence, taken in order, one at a time.
     */
    List<WorkUnit> sort(List<Message> messages) {
        long receivedAt = System.nanoTime();
        List<WorkUnit> singles = new ArrayList<>(messages.size());
        for (Message message : messages) {
            singles.add(single(message, receivedAt));
        }
        return endpoint.isFifo() ? byMessageGroup(singles) : byHandler(singles);
    }

    /** Batch handlers get all their messages of the receive in one unit; everything else stays on its own. */
    private List<WorkUnit> byHandler(List<WorkUnit> singles) {
        Map<HandlerBinding, List<Inbound>> batches = null;
        for (WorkUnit single : singles) {
            if (single.binding() != null && single.binding().isBatch()) {
                batches = batches != null ? batches : new LinkedHashMap<>();
                batches.computeIfAbsent(single.binding(), ignored -> new ArrayList<>()).addAll(single.messages());
            }
        }
        if (batches == null) {
            return singles;
        }
        List<WorkUnit> units = new ArrayList<>();
        for (WorkUnit single : singles) {
            if (single.binding() == null || !single.binding().isBatch()) {
                units.add(single);
            }
        }
        batches.forEach((binding, inbound) -> units.add(WorkUnit.of(this, binding, inbound)));
        return units;
    }

    private List<WorkUnit> byMessageGroup(List<WorkUnit> singles) {
        Map<String, List<WorkUnit>> groups = new LinkedHashMap<>();
        for (WorkUnit single : singles) {
            Message message = single.messages().get(0).message();
            String group = message.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                    message.messageId());
            groups.computeIfAbsent(group, ignored -> new ArrayList<>()).add(single);
        }
        return groups.values().stream()
                .map(steps -> steps.size() == 1 ? steps.get(0) : WorkUnit.inOrder(this, steps))
                .toList();
    }

    /** One message as a unit of its own: for its handler, or undeliverable with the reason. */
    private WorkUnit single(Message message, long receivedAt) {
        ReceivedEnvelope envelope;
        try {
            envelope = envelopes.read(message.body(), SdkMessageAttributes.fromSqs(message.messageAttributes()));
        } catch (MalformedMessageException e) {
            return WorkUnit.undeliverable(this, new Inbound(message, null, receivedAt),
                    "unreadable message: " + e.getMessage());
        }
        Inbound inbound = new Inbound(message, envelope, receivedAt);
        return bindingFor(envelope)
                .map(binding -> WorkUnit.of(this, binding, List.of(inbound)))
                .orElseGet(() -> WorkUnit.undeliverable(this, inbound, envelope.messageType()
                        .map(type -> "no handler for message type '" + type + "' on queue " + endpoint.name()
                                + " (handled here: " + bindingsByType.keySet() + ")")
                        .orElse("the message does not say its type and queue " + endpoint.name()
                                + " carries several: " + bindingsByType.keySet())));
    }

    private Optional<HandlerBinding> bindingFor(ReceivedEnvelope envelope) {
        if (envelope.messageType().isPresent()) {
            return Optional.ofNullable(bindingsByType.get(envelope.messageType().get()));
        }
        return bindingsByType.size() == 1 ? Optional.of(bindingsByType.values().iterator().next()) : Optional.empty();
    }

    @Override
    public String toString() {
        return endpoint + " " + bindingsByType.keySet();
    }

    /**
     * A received SQS message and what its body said.
     *
     * @param message  the message as SQS returned it
     * @param envelope what its body said; null when the body could not be read
     * @param receivedAt when it was received, in {@link System#nanoTime()}: its visibility timeout runs from then
     */
    record Inbound(Message message, ReceivedEnvelope envelope, long receivedAt) {
    }
}
