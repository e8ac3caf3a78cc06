package dev.justsaying.subscribe;

import dev.justsaying.internal.LibraryTimer;
import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Receives from one queue for its group, one receive at a time: reserves room in the group's buffer, receives at
 * most that many messages (long polling), sorts them into units and buffers them, then goes round again. It holds
 * no thread: each step runs on the thread that ended the previous wait — the SDK's for a receive that returned, the
 * group's dispatcher when room frees, the caller of {@link PauseGate#resume}, the library's timer after a pause —
 * so a receive costs no thread hand-off of its own. A failed receive is reported and retried after a growing pause
 * (up to 5 s), so an outage costs no busy loop and no lost message. While its region is not read (see
 * {@link RegionSelection}) it waits, holding no room in the buffer.
 */
final class QueuePoller {

    private static final Logger log = LoggerFactory.getLogger(QueuePoller.class);
    private static final long MAX_PAUSE_MILLIS = 5_000;
    /** How often a poller of a region that is not read asks again whether it is. */
    private static final Duration UNREAD_REGION_CHECK = Duration.ofMillis(250);

    private final QueueSubscription subscription;
    private final SubscriptionGroupSettings settings;
    private final GroupBuffer buffer;
    private final PauseGate gate;
    private final MessageMonitor monitor;
    private final QueueAcknowledger acknowledger;
    private final RegionSelection regions;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile CompletableFuture<ReceiveMessageResponse> receiving;
    /** The pause before the next step (after a failure, or while the region is not read), if one is under way. */
    private volatile ScheduledFuture<?> pausing;
    /** Only touched by the step under way: steps never overlap, each starts when the one before has handed on. */
    private int failuresInARow;

    QueuePoller(QueueSubscription subscription, SubscriptionGroupSettings settings, GroupBuffer buffer, PauseGate gate,
                MessageMonitor monitor, QueueAcknowledger acknowledger, RegionSelection regions) {
        this.subscription = subscription;
        this.settings = settings;
        this.buffer = buffer;
        this.gate = gate;
        this.monitor = monitor;
        this.acknowledger = acknowledger;
        this.regions = regions;
    }

    /** Starts receiving; returns at once. */
    void start() {
        next();
    }

    /** Completes once the poller has stopped: no receive of its own is in flight and none will start. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Stops after the current receive, cancelling it if it is waiting for messages. */
    void stop() {
        running = false;
        CompletableFuture<ReceiveMessageResponse> call = receiving;
        if (call != null) {
            call.cancel(true);
        }
        ScheduledFuture<?> pause = pausing;
        if (pause != null && pause.cancel(false)) {
            ended.complete(null);
        }
    }

    private void nextAfter(Duration pause) {
        pausing = LibraryTimer.schedule(this::next, pause);
        if (!running) {
            stop();
        }
    }

    /** The next receive, once the region is read and the buffer has room; or ends the poller once stopped. */
    private void next() {
        if (!running) {
            ended.complete(null);
            return;
        }
        if (!regions.reads(subscription.endpoint().region())) {
            nextAfter(UNREAD_REGION_CHECK);
            return;
        }
        int room = buffer.reserve(subscription, this::next);
        if (room == GroupBuffer.CLOSED) {
            ended.complete(null);
        } else if (room != GroupBuffer.WAITING) {
            enterAndReceive(room);
        }
    }

    /** With {@code room} reserved: receives once the gate lets it through, or frees the room once the gate closed. */
    private void enterAndReceive(int room) {
        switch (gate.enter(() -> enterAndReceive(room))) {
            case ENTERED -> receive(room);
            case CLOSED -> {
                buffer.fill(subscription, room, List.of());
                ended.complete(null);
            }
            case WAITING -> {
            }
        }
    }

    private void receive(int room) {
        QueueEndpoint endpoint = subscription.endpoint();
        long start = System.nanoTime();
        CompletableFuture<ReceiveMessageResponse> call;
        try {
            call = endpoint.sqs().receiveMessage(b -> b
                    .queueUrl(endpoint.url())
                    .maxNumberOfMessages(room)
                    .waitTimeSeconds((int) settings.receiveWait().toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All"));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        receiving = call;
        if (!running) {
            call.cancel(true);
        }
        call.whenComplete((response, error) -> {
            boolean received;
            try {
                received = received(room, response, error, start);
            } catch (RuntimeException e) {
                log.error("Taking in a receive from {} failed unexpectedly", endpoint, e);
                received = false;
            } finally {
                gate.leave();
            }
            if (received) {
                failuresInARow = 0;
                next();
            } else {
                failuresInARow++;
                long pause = Math.min(MAX_PAUSE_MILLIS, 100L << Math.min(failuresInARow, 10));
                log.warn("Receive from {} failed ({} in a row), trying again in {} ms", endpoint, failuresInARow,
                        pause);
                nextAfter(Duration.ofMillis(pause));
            }
        });
    }

    /** Puts what a receive brought into the buffer; false if it failed (reported to the monitor). */
    private boolean received(int room, ReceiveMessageResponse response, Throwable error, long start) {
        QueueEndpoint endpoint = subscription.endpoint();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            buffer.fill(subscription, room, List.of());
            return true;
        }
        if (cause != null) {
            buffer.fill(subscription, room, List.of());
            monitor.receiveFailed(endpoint.name(), endpoint.region(), cause);
            regions.receiveFailed(endpoint.region(), cause);
            log.debug("Receive from {} failed", endpoint, cause);
            return false;
        }
        monitor.received(endpoint.name(), endpoint.region(), response.messages().size(),
                Duration.ofNanos(System.nanoTime() - start));
        regions.receiveSucceeded(endpoint.region());
        if (!regions.reads(endpoint.region())) {
            buffer.fill(subscription, room, List.of());
            handBackMessages(response.messages().stream().map(Message::receiptHandle).toList());
            return true;
        }
        List<WorkUnit> units;
        try {
            units = subscription.sort(response.messages());
        } catch (RuntimeException e) {
            buffer.fill(subscription, room, List.of());
            throw e;
        }
        handBack(buffer.fill(subscription, room, units));
        return true;
    }

    /** Units received after the group closed go straight back to the queue. */
    private void handBack(List<WorkUnit> units) {
        handBackMessages(units.stream().flatMap(unit -> unit.messages().stream())
                .map(inbound -> inbound.message().receiptHandle()).toList());
    }

    /** Messages received by a receive that outlived its region being read (a switch) go back to the queue too. */
    private void handBackMessages(List<String> receiptHandles) {
        if (!receiptHandles.isEmpty()) {
            acknowledger.handBack(receiptHandles);
        }
    }
}
