package dev.justsaying.publish;

import dev.justsaying.handle.CurrentMessage;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.WireAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bus's publisher: finds the publication of a message's type, writes the message in the JustSaying wire format
 * with fresh metadata (carrying on the conversation and trace context of the message being handled, if any), and
 * sends it to the active region with retries. With {@link AutoBatching}, concurrent single publishes to one
 * destination leave together in batch calls, each through the same retry and failover as {@link #publishBatch}.
 */
public final class BusPublisher implements MessagePublisher {

    /** SQS and SNS take at most ten entries and 256 KiB per batch call. */
    private static final int MAX_BATCH_ENTRIES = 10;
    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Map<Class<?>, Publication> publications;
    private final MessageWriter writer;
    private final PublishRetry retry;
    private final MessageMonitor monitor;
    private final String raisingComponent;
    private final List<PublishMiddleware> middleware;
    private final LingeringBatcher<BatchKey, Entry> batcher;
    private final Semaphore pending;
    private final int maxPending;

    /** @param autoBatching how single publishes are coalesced into batch calls; empty to send each on its own */
    public BusPublisher(Collection<Publication> publications, MessageWriter writer, PublishRetry retry,
                        MessageMonitor monitor, String raisingComponent, List<PublishMiddleware> middleware,
                        Optional<AutoBatching> autoBatching) {
        Map<Class<?>, Publication> byType = new HashMap<>();
        publications.forEach(publication -> byType.put(publication.messageType(), publication));
        this.publications = new ConcurrentHashMap<>(byType);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.raisingComponent = raisingComponent;
        this.middleware = List.copyOf(middleware);
        this.batcher = autoBatching.map(settings -> new LingeringBatcher<BatchKey, Entry>(settings, MAX_BATCH_ENTRIES,
                MAX_BATCH_BYTES, entry -> entry.outbound().sizeBytes(), this::sendAutoBatch)).orElse(null);
        this.maxPending = autoBatching.map(AutoBatching::maxPendingMessages).orElse(0);
        this.pending = new Semaphore(maxPending);
    }

    @Override
    public CompletableFuture<PublishResult> publish(Object message, PublishOptions options) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(options, "options");
        PublishMiddleware.Next terminal = batcher == null ? this::send : this::sendInAutoBatch;
        return guarded(() -> chain(terminal).publish(outgoing(message, options)));
    }

    /** Sends what auto-batching holds now; later publishes go out one by one. */
    public void stopAutoBatching() {
        if (batcher != null) {
            batcher.close();
        }
    }

    @Override
    public CompletableFuture<BatchPublishResult> publishBatch(Collection<?> messages, PublishOptions options) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(options, "options");
        BatchGate gate = new BatchGate(messages.size());
        PublishMiddleware.Next layers = chain(gate::arrive);
        List<CompletableFuture<PublishResult>> results = new ArrayList<>(messages.size());
        for (Object message : messages) {
            CompletableFuture<PublishResult> result = guarded(() -> layers.publish(outgoing(message, options)));
            result.whenComplete((published, error) -> gate.settled());
            results.add(result);
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            Map<Integer, PublishResult> published = new HashMap<>();
            Map<Integer, String> failed = new HashMap<>();
            for (int i = 0; i < results.size(); i++) {
                CompletableFuture<PublishResult> result = results.get(i);
                if (result.isCompletedExceptionally()) {
                    failed.put(i, PublishRetry.unwrap(result.handle((r, e) -> e).join()).getMessage());
                } else {
                    published.put(i, result.join());
                }
            }
            return new BatchPublishResult(published, failed);
        });
    }

    private OutgoingMessage outgoing(Object message, PublishOptions options) {
        return new OutgoingMessage(Objects.requireNonNull(message, "message"), metadata(options), options);
    }

    private PublishMiddleware.Next chain(PublishMiddleware.Next terminal) {
        PublishMiddleware.Next next = terminal;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            PublishMiddleware layer = middleware.get(i);
            PublishMiddleware.Next inner = next;
            next = message -> guarded(() -> layer.publish(message, inner));
        }
        return next;
    }

    /**
     * One message: written, then sent to the first region in publish order; a failure that may pass moves it to the
     * next region at once (with automatic failover), and when every region failed, the round is retried after a
     * backoff. A mistake no retry mends (writing, a sender fault) fails at once. Published everywhere, a copy goes to
     * each region, each retried in its own region only.
     */
    private CompletableFuture<PublishResult> send(OutgoingMessage message) {
        Publication publication = publicationOf(message.message().getClass());
        if (!publication.publishesEverywhere()) {
            return sendRound(publication, message, publication::targetsInPublishOrder, 1);
        }
        List<CompletableFuture<PublishResult>> copies = publication.targetsInPublishOrder().stream()
                .map(target -> sendRound(publication, message, () -> List.of(target), 1)).toList();
        return firstSuccess(copies);
    }

    /**
     * Succeeds with the first copy a region took, without waiting for the others (a region in an outage would hold
     * the caller through its retries); fails only when every copy failed.
     */
    private static CompletableFuture<PublishResult> firstSuccess(List<CompletableFuture<PublishResult>> copies) {
        CompletableFuture<PublishResult> first = new CompletableFuture<>();
        AtomicInteger failed = new AtomicInteger();
        for (CompletableFuture<PublishResult> copy : copies) {
            copy.whenComplete((result, error) -> {
                if (error == null) {
                    first.complete(result);
                } else if (failed.incrementAndGet() == copies.size()) {
                    first.completeExceptionally(PublishRetry.unwrap(error));
                }
            });
        }
        return first;
    }

    private CompletableFuture<PublishResult> sendRound(Publication publication, OutgoingMessage message,
                                                       Supplier<List<PublishTarget>> targets, int round) {
        List<PublishTarget> order = targets.get();
        return sendFrom(publication, message, order, 0).handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = PublishRetry.unwrap(error);
            if (cause instanceof PublishException || !PublishRetry.isTransient(cause) || round >= retry.attempts()) {
                return CompletableFuture.<PublishResult>failedFuture(cause instanceof PublishException ? cause
                        : new PublishException("publishing " + message.message().getClass().getSimpleName()
                                + " to " + order + " failed: " + cause.getMessage(), cause));
            }
            return later(retry.delayAfter(round)).thenCompose(ignored -> sendRound(publication, message, targets,
                    round + 1));
        }).thenCompose(stage -> stage);
    }

    private CompletableFuture<PublishResult> sendFrom(Publication publication, OutgoingMessage message,
                                                      List<PublishTarget> order, int index) {
        PublishTarget target = order.get(index);
        OutboundMessage outbound = write(message, target);
        long start = System.nanoTime();
        return target.send(outbound, message.options()).handle((messageId, error) -> {
            monitor.published(outbound.subject(), target.address(), target.region(),
                    Duration.ofNanos(System.nanoTime() - start), error == null);
            if (error == null) {
                publication.activeRegion().succeeded(target.region());
                return CompletableFuture.completedFuture(
                        new PublishResult(messageId, message.metadata().id(), target.address(), target.region()));
            }
            Throwable cause = PublishRetry.unwrap(error);
            if (PublishRetry.isTransient(cause)) {
                publication.activeRegion().failed(target.region(), cause);
                if (index + 1 < order.size()) {
                    return sendFrom(publication, message, order, index + 1);
                }
            }
            return CompletableFuture.<PublishResult>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    /**
     * One message for the next batch call to its destination; sent on its own if it carries a deduplication id
     * (a batch shares one), if it is published to every region, or once auto-batching stopped; failed at once beyond
     * the pending limit.
     */
    private CompletableFuture<PublishResult> sendInAutoBatch(OutgoingMessage message) {
        Publication publication = publicationOf(message.message().getClass());
        if (message.options().deduplicationId().isPresent() || publication.publishesEverywhere()) {
            return send(message);
        }
        if (!pending.tryAcquire()) {
            return CompletableFuture.failedFuture(new PublishException("auto-batching already holds its limit of "
                    + maxPending + " pending publishes: the destinations are not keeping up; publish again later or "
                    + "raise maxPendingMessages"));
        }
        Arrival arrival = new Arrival(message, new CompletableFuture<>());
        arrival.result().whenComplete((result, error) -> pending.release());
        try {
            Entry entry = new Entry(arrival, write(message, publication.targetsInPublishOrder().get(0)));
            BatchKey key = new BatchKey(publication, message.options().delay(), message.options().messageGroupId());
            if (batcher.offer(key, entry) == LingeringBatcher.Offer.CLOSED) {
                send(message).whenComplete((result, error) -> complete(arrival.result(), result, error));
            }
        } catch (RuntimeException e) {
            arrival.result().completeExceptionally(e);
        }
        return arrival.result();
    }

    private void sendAutoBatch(BatchKey key, List<Entry> entries) {
        chunks(entries).forEach(chunk ->
                sendChunk(key.publication(), key.publication().targetsInPublishOrder(), 0, chunk, 1));
    }

    private static <T> void complete(CompletableFuture<T> target, T result, Throwable error) {
        if (error != null) {
            target.completeExceptionally(error);
        } else {
            target.complete(result);
        }
    }

    /**
     * Sends the messages that came through the layers, by destination, in batch calls; a message published everywhere
     * goes alone, copy by copy, like a single publish.
     */
    private void sendBatches(List<Arrival> arrivals) {
        Map<Publication, List<Entry>> byPublication = new LinkedHashMap<>();
        for (Arrival arrival : arrivals) {
            try {
                Publication publication = publicationOf(arrival.message().message().getClass());
                if (publication.publishesEverywhere()) {
                    send(arrival.message()).whenComplete((result, error) -> complete(arrival.result(), result, error));
                    continue;
                }
                PublishTarget first = publication.targetsInPublishOrder().get(0);
                byPublication.computeIfAbsent(publication, ignored -> new ArrayList<>())
                        .add(new Entry(arrival, write(arrival.message(), first)));
            } catch (RuntimeException e) {
                arrival.result().completeExceptionally(e);
            }
        }
        byPublication.forEach((publication, entries) -> chunks(entries).forEach(chunk ->
                sendChunk(publication, publication.targetsInPublishOrder(), 0, chunk, 1)));
    }

    /**
     * One batch call to {@code order[index]}. If the whole call fails for a reason that may pass, the chunk moves to
     * the next region at once; entries AWS refused for reasons of its own are retried alone after a backoff.
     */
    private void sendChunk(Publication publication, List<PublishTarget> order, int index, List<Entry> chunk, int round) {
        PublishTarget target = order.get(index);
        long start = System.nanoTime();
        PublishOptions options = chunk.get(0).arrival().message().options();
        List<OutboundMessage> outbound = chunk.stream().map(Entry::outbound).toList();
        target.sendBatch(outbound, options).whenComplete((outcomes, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (error != null && PublishRetry.isTransient(error)) {
                publication.activeRegion().failed(target.region(), PublishRetry.unwrap(error));
                if (index + 1 < order.size()) {
                    sendChunk(publication, order, index + 1, chunk, round);
                    return;
                }
            } else if (error == null) {
                publication.activeRegion().succeeded(target.region());
            }
            List<Entry> again = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Entry entry = chunk.get(i);
                boolean accepted = error == null && outcomes.get(i).isAccepted();
                monitor.published(entry.outbound().subject(), target.address(), target.region(), took, accepted);
                if (accepted) {
                    entry.arrival().result().complete(new PublishResult(outcomes.get(i).messageId(),
                            entry.arrival().message().metadata().id(), target.address(), target.region()));
                    continue;
                }
                boolean mayPass = error != null ? PublishRetry.isTransient(error) : !outcomes.get(i).senderFault();
                String reason = error != null ? PublishRetry.unwrap(error).getMessage() : outcomes.get(i).error();
                if (mayPass && round < retry.attempts()) {
                    again.add(entry);
                } else {
                    entry.arrival().result().completeExceptionally(
                            new PublishException("publishing to " + target + " failed: " + reason));
                }
            }
            if (!again.isEmpty()) {
                later(retry.delayAfter(round)).thenRun(() ->
                        sendChunk(publication, publication.targetsInPublishOrder(), 0, again, round + 1));
            }
        });
    }

    private static CompletableFuture<Void> later(Duration delay) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static List<List<Entry>> chunks(List<Entry> entries) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        int bytes = 0;
        for (Entry entry : entries) {
            int size = entry.outbound().sizeBytes();
            if (!current.isEmpty() && (current.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private Publication publicationOf(Class<?> type) {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
            Publication publication = publications.get(candidate);
            if (publication != null) {
                return publication;
            }
        }
        throw new PublishException("no publication for " + type.getName() + ": add it with "
                + ".publications(p -> p.withTopic(" + type.getSimpleName() + ".class)) or withQueue(...)");
    }

    private OutboundMessage write(OutgoingMessage message, PublishTarget target) {
        String type = message.message().getClass().getSimpleName();
        if (message.options().delay().isPresent() && target.wireDestination() == Destination.TOPIC) {
            throw new PublishException("SNS topics cannot delay a message (" + target + "): publish " + type
                    + " to a queue, or without a delay");
        }
        try {
            return writer.write(message.message(), message.metadata(), target.wireDestination(),
                    attributes(message.options()));
        } catch (RuntimeException e) {
            throw new PublishException("cannot publish " + type + ": " + e.getMessage(), e);
        }
    }

    private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> call) {
        try {
            CompletableFuture<T> result = call.get();
            return result != null ? result : CompletableFuture.failedFuture(
                    new PublishException("a publish middleware returned no result"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private MessageMetadata metadata(PublishOptions options) {
        MessageMetadata metadata = MessageMetadata.newMessage();
        if (raisingComponent != null) {
            metadata = metadata.withRaisingComponent(raisingComponent);
        }
        String conversation = options.conversation()
                .or(() -> CurrentMessage.context().map(context -> context.metadata().conversation()))
                .orElse(null);
        if (conversation != null) {
            metadata = metadata.withConversation(conversation);
        }
        if (options.tenant().isPresent()) {
            metadata = metadata.withTenant(options.tenant().get());
        }
        return metadata;
    }

    /** The caller's attributes, plus the trace context of the message being handled unless the caller set one. */
    private static Map<String, MessageAttribute> attributes(PublishOptions options) {
        if (CurrentMessage.context().isEmpty() || options.attributes().containsKey(WireAttributes.TRACEPARENT)) {
            return options.attributes();
        }
        MessageContext handling = CurrentMessage.context().get();
        Map<String, MessageAttribute> attributes = new HashMap<>(options.attributes());
        for (String name : List.of(WireAttributes.TRACEPARENT, WireAttributes.TRACESTATE)) {
            handling.stringAttribute(name).ifPresent(value -> attributes.put(name, MessageAttribute.ofString(value)));
        }
        return attributes;
    }

    /** A batch message that came through the layers, and the result its layers wait for. */
    private record Arrival(OutgoingMessage message, CompletableFuture<PublishResult> result) {
    }

    /** What auto-batched messages share to go in one call: destination, delay and FIFO message group. */
    private record BatchKey(Publication publication, Optional<Duration> delay, Optional<String> messageGroupId) {
    }

    /** An arrival written for its destination. */
    private record Entry(Arrival arrival, OutboundMessage outbound) {
    }

    /**
     * Holds a batch's messages as they come through the layers, and sends them together once every message has
     * either arrived or been settled by a layer without reaching the send.
     */
    private final class BatchGate {
        private final int expected;
        private final List<Arrival> arrived = new ArrayList<>();
        private int settledEarly;
        private boolean sent;

        BatchGate(int expected) {
            this.expected = expected;
            if (expected == 0) {
                sent = true;
            }
        }

        CompletableFuture<PublishResult> arrive(OutgoingMessage message) {
            Arrival arrival = new Arrival(message, new CompletableFuture<>());
            List<Arrival> ready;
            synchronized (this) {
                arrived.add(arrival);
                ready = readyToSend();
            }
            if (ready != null) {
                sendBatches(ready);
            }
            return arrival.result();
        }

        /** A message's layers are done; counts it if it never arrived. */
        void settled() {
            List<Arrival> ready;
            synchronized (this) {
                if (sent) {
                    return;
                }
                settledEarly++;
                ready = readyToSend();
            }
            if (ready != null) {
                sendBatches(ready);
            }
        }

        private List<Arrival> readyToSend() {
            if (sent || arrived.size() + settledEarly < expected) {
                return null;
            }
            sent = true;
            return List.copyOf(arrived);
        }
    }
}
