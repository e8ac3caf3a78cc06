package dev.justsaying.subscribe;

import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.wire.DeserializedMessage;
import dev.justsaying.wire.MessageSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Takes a unit of work from receipt to settlement: deserializes each message, runs its handler through the
 * middleware, then settles each message by its result — deleted when handled; on failure, made invisible for its
 * backoff delay, or moved to the error queue on its last receive; undeliverable messages go to the error queue at
 * once, since no retry can mend them. A sequence (the messages of one FIFO message group) is taken step by step;
 * after a step that did not succeed, the rest go back to the queue unhandled.
 */
final class MessageProcessor {

    private final MessageSerializer serializer;
    private final ErrorQueueSender errorQueue;
    private final Map<QueueEndpoint, QueueAcknowledger> acknowledgers = new ConcurrentHashMap<>();

    MessageProcessor(MessageSerializer serializer, ErrorQueueSender errorQueue) {
        this.serializer = serializer;
        this.errorQueue = errorQueue;
    }

    /** The acknowledger of a queue, shared by everything that settles its messages. */
    QueueAcknowledger acknowledger(QueueEndpoint endpoint) {
        return acknowledgers.computeIfAbsent(endpoint, QueueAcknowledger::new);
    }

    /**
     * Completes when every message of the unit is settled; never completes exceptionally. {@code handled} hears of
     * each message whose handling ended, and settling waits for the stage it returns.
     */
    CompletableFuture<Void> process(WorkUnit unit, Function<Message, CompletableFuture<Void>> handled) {
        return settled(unit, handled).handle((ignored, error) -> null);
    }

    /**
     * Handles a unit of one message for a single-message handler ({@link WorkUnit#isOneForASingleHandler()}) and
     * settles it unless it succeeded: a success is left for the caller to delete (with its receive's other successes,
     * in one call). Completes with whether it succeeded, once {@code handled} heard of it and, for a failure, once it
     * was settled; never completes exceptionally.
     */
    CompletableFuture<Boolean> handleLeavingTheDelete(WorkUnit unit,
                                                      Function<Message, CompletableFuture<Void>> handled) {
        QueueEndpoint endpoint = unit.subscription().endpoint();
        QueueAcknowledger acknowledger = acknowledger(endpoint);
        HandlerBinding binding = unit.binding();
        QueueSubscription.Inbound inbound = unit.messages().get(0);
        Delivery delivery;
        try {
            delivery = delivery(inbound, binding, endpoint);
        } catch (RuntimeException e) {
            return unreadable(endpoint, acknowledger, inbound, binding, e);
        }
        return settledAfter(binding.handle(List.of(delivery)).get(0), inbound.message(), delivery.context(), handled,
                endpoint, acknowledger, false).handle((succeeded, error) -> error == null && succeeded);
    }

    /** Settles the unit; completes with whether every message of it was handled successfully. */
    private CompletableFuture<Boolean> settled(WorkUnit unit, Function<Message, CompletableFuture<Void>> handled) {
        QueueEndpoint endpoint = unit.subscription().endpoint();
        QueueAcknowledger acknowledger = acknowledger(endpoint);
        if (!unit.steps().isEmpty()) {
            return inOrder(unit.steps(), 0, handled, acknowledger);
        }
        if (unit.undeliverable() != null) {
            QueueSubscription.Inbound inbound = unit.messages().get(0);
            return errorQueue.move(endpoint, acknowledger, inbound.message(), knownTypeOf(unit.subscription(), inbound),
                    unit.undeliverable()).handle((moved, error) -> false);
        }
        HandlerBinding binding = unit.binding();
        int size = unit.messages().size();
        List<CompletableFuture<Boolean>> settling = new ArrayList<>(size);
        List<Delivery> deliveries = new ArrayList<>(size);
        List<Message> delivered = new ArrayList<>(size);
        for (QueueSubscription.Inbound inbound : unit.messages()) {
            try {
                deliveries.add(delivery(inbound, binding, endpoint));
                delivered.add(inbound.message());
            } catch (RuntimeException e) {
                settling.add(unreadable(endpoint, acknowledger, inbound, binding, e));
            }
        }
        if (!deliveries.isEmpty()) {
            List<CompletionStage<HandleResult>> results = binding.handle(deliveries);
            for (int i = 0; i < deliveries.size(); i++) {
                settling.add(settledAfter(results.get(i), delivered.get(i), deliveries.get(i).context(), handled,
                        endpoint, acknowledger, true));
            }
        }
        if (settling.size() == 1) {
            return settling.get(0);
        }
        return CompletableFuture.allOf(settling.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> settling.stream().allMatch(step -> step.getNow(false)));
    }

    /** The message read as its handler's type, ready for the handler; throws if it cannot be read so. */
    private Delivery delivery(QueueSubscription.Inbound inbound, HandlerBinding binding, QueueEndpoint endpoint) {
        DeserializedMessage<?> read = serializer.deserialize(inbound.envelope().messageJson(), binding.messageType());
        return new Delivery(read.message(), context(inbound, binding, read, endpoint), binding.handlerName());
    }

    /** A message its handler's type cannot be read as goes to the error queue; completes with false once moved. */
    private CompletableFuture<Boolean> unreadable(QueueEndpoint endpoint, QueueAcknowledger acknowledger,
                                                  QueueSubscription.Inbound inbound, HandlerBinding binding,
                                                  RuntimeException cause) {
        return errorQueue.move(endpoint, acknowledger, inbound.message(), binding.typeName(),
                "cannot read the message as " + binding.messageType().getName() + ": " + cause.getMessage())
                .handle((moved, error) -> false);
    }

    /**
     * One message after its handling: {@code handled} hears of it, then it is settled by its result (a success only
     * if {@code deleteSuccess}); completes with whether it was handled successfully once settled (whether or not the
     * settling call succeeded), exceptionally if hearing of it or settling it threw. One future per message, not a
     * chain of stages.
     */
    private CompletableFuture<Boolean> settledAfter(CompletionStage<HandleResult> handling, Message message,
                                                    MessageContext context,
                                                    Function<Message, CompletableFuture<Void>> handled,
                                                    QueueEndpoint endpoint, QueueAcknowledger acknowledger,
                                                    boolean deleteSuccess) {
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        handling.whenComplete((result, handlingError) -> {
            HandleResult outcome = result != null ? result : HandleResult.failure(handlingError);
            try {
                handled.apply(message).whenComplete((ignored, releaseError) -> {
                    if (outcome.isSuccess() && !deleteSuccess) {
                        settled.complete(true);
                        return;
                    }
                    try {
                        settle(endpoint, acknowledger, message, context, outcome)
                                .whenComplete((done, settleError) -> settled.complete(outcome.isSuccess()));
                    } catch (RuntimeException e) {
                        settled.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                settled.completeExceptionally(e);
            }
        });
        return settled;
    }

    /**
     * A FIFO message group's units, one after another; after one that did not succeed, the rest are handed back
     * unhandled, so none is handled before it. SQS gives the group out again from its oldest message.
     */
    private CompletableFuture<Boolean> inOrder(List<WorkUnit> steps, int index,
                                               Function<Message, CompletableFuture<Void>> handled,
                                               QueueAcknowledger acknowledger) {
        if (index == steps.size()) {
            return CompletableFuture.completedFuture(true);
        }
        return settled(steps.get(index), handled).thenCompose(succeeded -> {
            if (succeeded) {
                return inOrder(steps, index + 1, handled, acknowledger);
            }
            List<Message> heldBack = steps.subList(index + 1, steps.size()).stream()
                    .flatMap(step -> step.messages().stream()).map(QueueSubscription.Inbound::message).toList();
            CompletableFuture<?>[] released = heldBack.stream().map(handled).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(released).handle((ignored, error) -> null)
                    .thenCompose(ignored -> acknowledger.handBack(heldBack.stream().map(Message::receiptHandle).toList()))
                    .handle((ignored, error) -> false);
        });
    }

    private CompletableFuture<?> settle(QueueEndpoint endpoint, QueueAcknowledger acknowledger, Message message,
                                        MessageContext context, HandleResult result) {
        if (result.isSuccess()) {
            return endpoint.isFifo() ? acknowledger.deleteNow(message.receiptHandle())
                    : acknowledger.delete(message.receiptHandle());
        }
        if (context.receiveCount() >= endpoint.maxReceiveCount()) {
            return errorQueue.move(endpoint, acknowledger, message, context.typeName(), "failed on all "
                    + context.receiveCount() + " receives, last: " + result.reason().orElse("failed"));
        }
        return result.retryDelay()
                .<CompletableFuture<?>>map(delay -> acknowledger.retryAfter(message.receiptHandle(), delay))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private static MessageContext context(QueueSubscription.Inbound inbound, HandlerBinding binding,
                                          DeserializedMessage<?> read, QueueEndpoint endpoint) {
        Message message = inbound.message();
        return new MessageContext(message.messageId(), typeOf(inbound, binding.typeName()), read.metadata(),
                receiveCount(message), sentAt(message), inbound.envelope().attributes(), endpoint.name(),
                endpoint.url(), endpoint.region());
    }

    /** The type an undeliverable message claims if the queue handles it; else "unknown", so junk cannot name meters. */
    private static String knownTypeOf(QueueSubscription subscription, QueueSubscription.Inbound inbound) {
        String claimed = typeOf(inbound, "unknown");
        return subscription.bindings().containsKey(claimed) ? claimed : "unknown";
    }

    private static String typeOf(QueueSubscription.Inbound inbound, String otherwise) {
        return inbound.envelope() == null ? otherwise : inbound.envelope().messageType().orElse(otherwise);
    }

    static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Instant sentAt(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        try {
            return sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }
}
