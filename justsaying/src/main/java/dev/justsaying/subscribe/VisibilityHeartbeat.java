package dev.justsaying.subscribe;

import dev.justsaying.subscribe.QueueAcknowledger.VisibilityChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps the messages of a group's running handlers invisible, so long work is never handed to a second consumer:
 * every {@code fraction} of its queue's visibility timeout, a message still being handled gets a fresh visibility
 * timeout. One ticker per group collects the messages due, so the extensions of a queue leave together in
 * ChangeMessageVisibilityBatch calls. A message stops being extended when its handling ends (before it is settled),
 * when SQS refuses an extension (the receipt is no longer valid), or at the SQS ceiling of 12 hours from receipt,
 * with a warning.
 */
final class VisibilityHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisibilityHeartbeat.class);
    /** SQS keeps a message invisible at most 12 hours after it was received. */
    static final Duration SQS_CEILING = Duration.ofHours(12);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final double fraction;
    private final Function<QueueEndpoint, QueueAcknowledger> acknowledgers;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    /** Starts ticking on a daemon thread named for the group. */
    VisibilityHeartbeat(String groupName, double fraction, Function<QueueEndpoint, QueueAcknowledger> acknowledgers) {
        this.fraction = fraction;
        this.acknowledgers = acknowledgers;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "justsaying-heartbeat-" + groupName);
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Extends the unit's messages until each is {@link Watch#release released}. */
    Watch watch(WorkUnit unit) {
        QueueEndpoint endpoint = unit.subscription().endpoint();
        Map<String, Watched> byHandle = new LinkedHashMap<>();
        if (endpoint.visibilityTimeout().toSeconds() >= 1) {
            long interval = (long) (endpoint.visibilityTimeout().toNanos() * fraction);
            for (QueueSubscription.Inbound inbound : unit.messages()) {
                Watched message = new Watched(endpoint, inbound.message().receiptHandle(), inbound.receivedAt(),
                        interval);
                byHandle.put(message.receiptHandle, message);
                watched.add(message);
            }
        }
        return new Watch(byHandle);
    }

    /**
     * The next visibility timeout for a message received {@code elapsed} ago: its queue's timeout, cut to what is
     * left under the 12-hour ceiling; empty once less than a second is left.
     */
    static OptionalInt nextTimeoutSeconds(Duration elapsed, Duration visibilityTimeout) {
        long left = SQS_CEILING.minus(elapsed).toSeconds();
        return left < 1 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(left, visibilityTimeout.toSeconds()));
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            Map<QueueEndpoint, List<Watched>> due = new LinkedHashMap<>();
            for (Watched message : watched) {
                if (message.nextExtension - now <= TICK_NANOS) {
                    due.computeIfAbsent(message.endpoint, ignored -> new ArrayList<>()).add(message);
                }
            }
            due.forEach((endpoint, messages) -> extend(endpoint, messages, now));
        } catch (RuntimeException e) {
            log.warn("Extending visibility timeouts failed; trying again at the next tick", e);
        }
    }

    private void extend(QueueEndpoint endpoint, List<Watched> messages, long now) {
        List<Watched> extending = new ArrayList<>();
        List<VisibilityChange> changes = new ArrayList<>();
        for (Watched message : messages) {
            OptionalInt seconds = nextTimeoutSeconds(Duration.ofNanos(now - message.receivedAt),
                    endpoint.visibilityTimeout());
            if (seconds.isEmpty()) {
                watched.remove(message);
                log.warn("A message on {} has been handled for 12 hours, the most SQS keeps it invisible: it will "
                        + "be delivered again while its handler still runs", endpoint);
            } else if (message.startExtending(now)) {
                extending.add(message);
                changes.add(new VisibilityChange(message.receiptHandle, seconds.getAsInt()));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        List<CompletableFuture<Boolean>> outcomes = acknowledgers.apply(endpoint).changeVisibility(changes);
        for (int i = 0; i < outcomes.size(); i++) {
            Watched message = extending.get(i);
            outcomes.get(i).whenComplete((extended, error) -> {
                if (error != null || !extended) {
                    watched.remove(message);
                    log.debug("Stopped extending a message on {}: {}", endpoint,
                            error != null ? error.toString() : "SQS refused the extension");
                }
                message.extended();
            });
        }
    }

    /** Stops ticking; messages still watched keep the visibility they were last given. */
    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** The messages of one unit of work while they are handled. */
    final class Watch {
        private final Map<String, Watched> byHandle;

        private Watch(Map<String, Watched> byHandle) {
            this.byHandle = byHandle;
        }

        /**
         * Stops extending a message whose handling ended; completes once no extension of it is in flight, so what
         * settles it (a delete, a backoff visibility) is not overtaken by an extension.
         */
        CompletableFuture<Void> release(Message message) {
            Watched found = byHandle.get(message.receiptHandle());
            if (found == null) {
                return CompletableFuture.completedFuture(null);
            }
            watched.remove(found);
            return found.release();
        }

        /** Stops extending every message of the unit. */
        void releaseAll() {
            byHandle.values().forEach(message -> {
                watched.remove(message);
                message.release();
            });
        }
    }

    /** A message being extended: when next, and the extension in flight that settling must wait for. */
    private static final class Watched {
        private final QueueEndpoint endpoint;
        private final String receiptHandle;
        private final long receivedAt;
        private final long interval;
        private volatile long nextExtension;
        private boolean released;
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

        Watched(QueueEndpoint endpoint, String receiptHandle, long receivedAt, long interval) {
            this.endpoint = endpoint;
            this.receiptHandle = receiptHandle;
            this.receivedAt = receivedAt;
            this.interval = interval;
            this.nextExtension = receivedAt + interval;
        }

        /** Marks an extension as in flight unless the message was released; whether to send it. */
        synchronized boolean startExtending(long now) {
            if (released || !inFlight.isDone()) {
                return false;
            }
            inFlight = new CompletableFuture<>();
            nextExtension = now + interval;
            return true;
        }

        synchronized void extended() {
            inFlight.complete(null);
        }

        synchronized CompletableFuture<Void> release() {
            released = true;
            return inFlight;
        }
    }
}
