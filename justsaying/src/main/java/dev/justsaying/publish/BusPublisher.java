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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bus's publisher: finds the publication of a message's type, writes the message in the JustSaying wire format
 * with fresh metadata (carrying on the conversation and trace context of the message being handled, if any), and
 * sends it to the active region with retries.
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

    public BusPublisher(Collection<Publication> publications, MessageWriter writer, PublishRetry retry,
                        MessageMonitor monitor, String raisingComponent) {
        Map<Class<?>, Publication> byType = new HashMap<>();
        publications.forEach(publication -> byType.put(publication.messageType(), publication));
        this.publications = new ConcurrentHashMap<>(byType);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.raisingComponent = raisingComponent;
    }

    @Override
    public CompletableFuture<PublishResult> publish(Object message, PublishOptions options) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(options, "options");
        PublishTarget target;
        OutboundMessage outbound;
        MessageMetadata metadata = metadata(options);
        try {
            target = publicationOf(message.getClass()).activeTarget();
            outbound = write(message, metadata, target, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof PublishException ? e
                    : new PublishException("cannot publish " + message.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
        long start = System.nanoTime();
        return retry.run(() -> target.send(outbound, options)).handle((messageId, error) -> {
            monitor.published(outbound.subject(), target.address(), target.region(),
                    Duration.ofNanos(System.nanoTime() - start), error == null);
            if (error != null) {
                Throwable cause = PublishRetry.unwrap(error);
                throw new PublishException("publishing " + outbound.subject() + " to " + target + " in "
                        + target.region() + " failed: " + cause.getMessage(), cause);
            }
            return new PublishResult(messageId, metadata.id(), target.address(), target.region());
        });
    }

    @Override
    public CompletableFuture<BatchPublishResult> publishBatch(Collection<?> messages, PublishOptions options) {
        Objects.requireNonNull(messages, "messages");
        Map<Integer, PublishResult> published = new ConcurrentHashMap<>();
        Map<Integer, String> failed = new ConcurrentHashMap<>();
        Map<PublishTarget, List<Entry>> byTarget = new LinkedHashMap<>();
        int index = 0;
        for (Object message : messages) {
            int position = index++;
            try {
                PublishTarget target = publicationOf(message.getClass()).activeTarget();
                MessageMetadata metadata = metadata(options);
                byTarget.computeIfAbsent(target, ignored -> new ArrayList<>())
                        .add(new Entry(position, metadata, write(message, metadata, target, options)));
            } catch (RuntimeException e) {
                failed.put(position, e.getMessage());
            }
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        byTarget.forEach((target, entries) -> chunks(entries).forEach(chunk ->
                sends.add(sendChunk(target, chunk, options, 1, published, failed))));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> new BatchPublishResult(published, failed));
    }

    private CompletableFuture<Void> sendChunk(PublishTarget target, List<Entry> chunk, PublishOptions options,
                                              int attempt, Map<Integer, PublishResult> published,
                                              Map<Integer, String> failed) {
        long start = System.nanoTime();
        List<OutboundMessage> outbound = chunk.stream().map(Entry::message).toList();
        return target.sendBatch(outbound, options).handle((outcomes, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<Entry> again = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Entry entry = chunk.get(i);
                boolean accepted = error == null && outcomes.get(i).isAccepted();
                monitor.published(entry.message().subject(), target.address(), target.region(), took, accepted);
                if (accepted) {
                    published.put(entry.position(), new PublishResult(outcomes.get(i).messageId(),
                            entry.metadata().id(), target.address(), target.region()));
                    continue;
                }
                boolean mayPass = error != null ? PublishRetry.isTransient(error) : !outcomes.get(i).senderFault();
                String reason = error != null ? PublishRetry.unwrap(error).getMessage() : outcomes.get(i).error();
                if (mayPass && attempt < retry.attempts()) {
                    again.add(entry);
                } else {
                    failed.put(entry.position(), "publishing to " + target + " failed: " + reason);
                }
            }
            if (again.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                            retry.delayAfter(attempt).toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> sendChunk(target, again, options, attempt + 1, published, failed));
        }).thenCompose(stage -> stage);
    }

    private static List<List<Entry>> chunks(List<Entry> entries) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        int bytes = 0;
        for (Entry entry : entries) {
            int size = entry.message().sizeBytes();
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

    private OutboundMessage write(Object message, MessageMetadata metadata, PublishTarget target, PublishOptions options) {
        if (options.delay().isPresent() && target.wireDestination() == Destination.TOPIC) {
            throw new PublishException("SNS topics cannot delay a message (" + target + "): publish "
                    + message.getClass().getSimpleName() + " to a queue, or without a delay");
        }
        return writer.write(message, metadata, target.wireDestination(), attributes(options));
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

    private record Entry(int position, MessageMetadata metadata, OutboundMessage message) {
    }
}
