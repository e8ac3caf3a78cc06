package dev.justsaying.subscribe;

import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Receives from one queue for its group, on a thread of its own: reserves room in the group's buffer, receives at
 * most that many messages (long polling), sorts them into units and buffers them. A failed receive is reported and
 * retried after a growing pause (up to 5 s), so an outage costs no busy loop and no lost message. While its region
 * is not read (see {@link RegionSelection}) it waits, holding no room in the buffer.
 */
final class QueuePoller implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(QueuePoller.class);
    private static final long MAX_PAUSE_MILLIS = 5_000;
    /** How often a poller of a region that is not read asks again whether it is. */
    private static final long UNREAD_REGION_CHECK_MILLIS = 250;

    private final QueueSubscription subscription;
    private final SubscriptionGroupSettings settings;
    private final GroupBuffer buffer;
    private final PauseGate gate;
    private final MessageMonitor monitor;
    private final QueueAcknowledger acknowledger;
    private final RegionSelection regions;
    private volatile boolean running = true;
    private volatile CompletableFuture<ReceiveMessageResponse> receiving;

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

    @Override
    public void run() {
        QueueEndpoint endpoint = subscription.endpoint();
        int failuresInARow = 0;
        try {
            while (running) {
                if (!regions.reads(endpoint.region())) {
                    TimeUnit.MILLISECONDS.sleep(UNREAD_REGION_CHECK_MILLIS);
                    continue;
                }
                int room = buffer.reserve(subscription);
                if (room == 0) {
                    return;
                }
                if (!gate.enter()) {
                    buffer.fill(subscription, room, List.of());
                    return;
                }
                boolean received;
                try {
                    received = receiveInto(endpoint, room);
                } finally {
                    gate.leave();
                }
                if (received) {
                    failuresInARow = 0;
                } else {
                    failuresInARow++;
                    long pause = Math.min(MAX_PAUSE_MILLIS, 100L << Math.min(failuresInARow, 10));
                    log.warn("Receive from {} failed ({} in a row), trying again in {} ms", endpoint,
                            failuresInARow, pause);
                    TimeUnit.MILLISECONDS.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One receive into the buffer; false if it failed (reported to the monitor). */
    private boolean receiveInto(QueueEndpoint endpoint, int room) throws InterruptedException {
        long start = System.nanoTime();
        ReceiveMessageResponse response;
        try {
            response = receive(endpoint, room);
        } catch (ExecutionException e) {
            buffer.fill(subscription, room, List.of());
            monitor.receiveFailed(endpoint.name(), endpoint.region(), e.getCause());
            regions.receiveFailed(endpoint.region(), e.getCause());
            log.debug("Receive from {} failed", endpoint, e.getCause());
            return false;
        } catch (CancellationException e) {
            buffer.fill(subscription, room, List.of());
            return true;
        }
        monitor.received(endpoint.name(), endpoint.region(), response.messages().size(),
                Duration.ofNanos(System.nanoTime() - start));
        regions.receiveSucceeded(endpoint.region());
        if (!regions.reads(endpoint.region())) {
            buffer.fill(subscription, room, List.of());
            handBackMessages(response.messages().stream().map(Message::receiptHandle).toList());
            return true;
        }
        handBack(buffer.fill(subscription, room, subscription.sort(response.messages())));
        return true;
    }

    private ReceiveMessageResponse receive(QueueEndpoint endpoint, int messages)
            throws ExecutionException, InterruptedException {
        CompletableFuture<ReceiveMessageResponse> call = endpoint.sqs().receiveMessage(b -> b
                .queueUrl(endpoint.url())
                .maxNumberOfMessages(messages)
                .waitTimeSeconds((int) settings.receiveWait().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.MESSAGE_GROUP_ID)
                .messageAttributeNames("All"));
        receiving = call;
        if (!running) {
            call.cancel(true);
        }
        return call.get();
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

    /** Stops after the current receive, cancelling it if it is waiting for messages. */
    void stop() {
        running = false;
        CompletableFuture<ReceiveMessageResponse> call = receiving;
        if (call != null) {
            call.cancel(true);
        }
    }
}
