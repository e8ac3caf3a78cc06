package dev.justsaying.subscribe;

import dev.justsaying.internal.LibraryTimer;
import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Queues read together under one concurrency limit: a poller per queue (or several, none holding a thread of its own)
 * fills the group's buffer, and one dispatcher thread takes each receive's units of work and offers each to the receive's {@link ReceiveRun} once the
 * limit has room for it. A run takes its units one after another on one handler thread while they are quick, and
 * spreads them over a thread each when they are not. The limit counts messages whose handling has been let start
 * (a unit's permits are taken before it is offered and given back once it is handled), so at most that many are
 * ever handled at once; an offered unit may wait briefly for its run's thread. The limit can change while the group
 * runs; receiving can pause and resume. While a unit runs, its messages' visibility is extended (unless the group's
 * settings turn the heartbeat off).
 */
public final class SubscriptionGroup {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionGroup.class);
    /** How long an offered unit may wait for its run's busy thread before the run spreads (see {@link ReceiveRun}). */
    static final Duration SPREAD_AFTER = Duration.ofMillis(10);
    /** How many handled messages a group may hold while their deletes (or other settling) are under way. */
    static final int SETTLING_ROOM = 1_000;

    private final String name;
    private final SubscriptionGroupSettings settings;
    private volatile List<QueueSubscription> subscriptions;
    private final ConcurrencyLimit limit;
    private final PauseGate gate = new PauseGate();
    private final Set<ReceiveRun> running = ConcurrentHashMap.newKeySet();
    private final Map<HandlerBinding, HandlerPace> paces = new ConcurrentHashMap<>();
    /** Messages handled and waiting to be settled without holding a concurrency permit (see {@link Slots}). */
    private final Semaphore settlingRoom = new Semaphore(SETTLING_ROOM);
    private GroupBuffer buffer;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private Thread dispatcher;
    private MessageProcessor processor;
    private MessageMonitor monitor;
    private RegionSelection regions;
    private VisibilityHeartbeat heartbeat;
    /** Ticks every {@link #SPREAD_AFTER} while a receive is being handled, else null; guarded by {@code running}. */
    private ScheduledFuture<?> spreadWatch;

    public SubscriptionGroup(String name, SubscriptionGroupSettings settings, List<QueueSubscription> subscriptions) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.subscriptions = List.copyOf(subscriptions);
        this.limit = new ConcurrencyLimit(settings.concurrencyLimit());
    }

    public String name() {
        return name;
    }

    public SubscriptionGroupSettings settings() {
        return settings;
    }

    public List<QueueSubscription> subscriptions() {
        return subscriptions;
    }

    /** The group's concurrency limit; {@link ConcurrencyLimit#setLimit(int)} changes it while the group runs. */
    public ConcurrencyLimit concurrencyLimit() {
        return limit;
    }

    /** Messages received and waiting for a handler. */
    public int buffered() {
        GroupBuffer current = buffer;
        return current == null ? 0 : current.buffered();
    }

    public boolean isPaused() {
        return gate.isPaused();
    }

    /** Whether a receive is in progress; once paused and not receiving, no message arrives until resumed. */
    public boolean isReceiving() {
        return gate.receiving() > 0;
    }

    /** Stops receiving after the receives in flight; handling goes on. */
    public void pause() {
        gate.pause();
    }

    public void resume() {
        gate.resume();
    }

    /** Starts the pollers and the dispatcher; handlers run on {@code handlers}. */
    synchronized void start(MessageProcessor processor, MessageMonitor monitor, Executor handlers,
                            RegionSelection regions) {
        if (buffer != null) {
            throw new IllegalStateException("subscription group " + name + " is already running");
        }
        this.processor = processor;
        this.monitor = monitor;
        this.regions = regions;
        this.buffer = new GroupBuffer(subscriptions, settings.bufferSize(), settings.prefetch());
        settings.visibilityHeartbeat().ifPresent(fraction ->
                heartbeat = new VisibilityHeartbeat(name, fraction, processor::acknowledger));
        RateLimiter rateLimiter = settings.messagesPerSecond().isPresent()
                ? new RateLimiter(settings.messagesPerSecond().getAsDouble()) : null;
        dispatcher = daemon(() -> dispatch(handlers, rateLimiter), "justsaying-dispatch-" + name);
        dispatcher.start();
        subscriptions.forEach(this::startPolling);
    }

    /** Adds a queue to the running group (a region that was down at start) and starts polling it. */
    public synchronized void add(QueueSubscription subscription) {
        if (buffer == null) {
            throw new IllegalStateException("subscription group " + name + " is not running");
        }
        List<QueueSubscription> grown = new ArrayList<>(subscriptions);
        grown.add(subscription);
        subscriptions = List.copyOf(grown);
        buffer.addLane(subscription);
        startPolling(subscription);
    }

    private void startPolling(QueueSubscription subscription) {
        for (int i = 0; i < settings.pollersPerQueue(); i++) {
            QueuePoller poller = new QueuePoller(subscription, settings, buffer, gate, monitor,
                    processor.acknowledger(subscription.endpoint()), regions);
            pollers.add(poller);
            poller.start();
        }
    }

    /**
     * Takes each receive's units and offers each to the receive's run once the rate limit (if any) and the concurrency
     * limit allow; both waits count as throttling.
     */
    private void dispatch(Executor handlers, RateLimiter rateLimiter) {
        try {
            List<WorkUnit> received;
            while ((received = buffer.take()) != null) {
                ReceiveRun run = new ReceiveRun(processor,
                        processor.acknowledger(received.get(0).subscription().endpoint()), handlers,
                        binding -> paces.computeIfAbsent(binding, ignored -> new HandlerPace()));
                handling(run);
                run.done().whenComplete((ignored, error) -> handled(run));
                try {
                    for (int i = 0; i < received.size(); i++) {
                        if (!offerWhenAllowed(received.get(i), run, rateLimiter)) {
                            List<WorkUnit> unstarted = received.subList(i, received.size());
                            unstarted.forEach(buffer::started);
                            handBack(unstarted);
                            return;
                        }
                    }
                } finally {
                    run.allOffered();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Offers the unit once the limits allow, letting the run go with the units offered so far before any wait; false
     * if the group stopped first (nothing taken; the interrupt is cleared, so the caller can still hand the unit back
     * through the SDK).
     */
    private boolean offerWhenAllowed(WorkUnit unit, ReceiveRun run, RateLimiter rateLimiter) {
        int permits = Math.min(unit.concurrency(), limit.limit());
        int acquired = 0;
        long waitStart = System.nanoTime();
        try {
            if (rateLimiter != null) {
                run.go();
                rateLimiter.acquire(unit.size());
            }
            while (acquired < permits) {
                if (!limit.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                    run.go();
                    limit.acquire();
                }
                acquired++;
            }
        } catch (InterruptedException stopping) {
            release(acquired);
            return false;
        }
        buffer.started(unit);
        long waited = System.nanoTime() - waitStart;
        if (waited > TimeUnit.MILLISECONDS.toNanos(1)) {
            QueueEndpoint endpoint = unit.subscription().endpoint();
            monitor.throttled(endpoint.name(), endpoint.region(), Duration.ofNanos(waited));
        }
        run.offer(unit, hooks(unit, permits));
        return true;
    }

    /** What the group does as a started unit's messages are handled and settled: heartbeat, permits, settling room. */
    private ReceiveRun.Hooks hooks(WorkUnit unit, int permits) {
        VisibilityHeartbeat.Watch watch = heartbeat == null ? null : heartbeat.watch(unit);
        Slots slots = new Slots(unit.size(), permits);
        return new ReceiveRun.Hooks() {
            @Override
            public CompletableFuture<Void> handled(Message message) {
                slots.handled();
                return watch == null ? CompletableFuture.completedFuture(null) : watch.release(message);
            }

            @Override
            public void settled() {
                if (watch != null) {
                    watch.releaseAll();
                }
                slots.settled();
            }
        };
    }

    /** A receive is being handled: the spread watch ticks (on the library's timer) while any is. */
    private void handling(ReceiveRun run) {
        synchronized (running) {
            running.add(run);
            if (spreadWatch == null) {
                spreadWatch = LibraryTimer.every(this::spreadWaitingRuns, SPREAD_AFTER);
            }
        }
    }

    /** A receive is settled; the last one stops the watch, so an idle group costs no ticks. */
    private void handled(ReceiveRun run) {
        synchronized (running) {
            running.remove(run);
            if (running.isEmpty() && spreadWatch != null) {
                spreadWatch.cancel(false);
                spreadWatch = null;
            }
        }
    }

    private void spreadWaitingRuns() {
        try {
            long now = System.nanoTime();
            running.forEach(run -> run.spreadIfWaiting(now, SPREAD_AFTER.toNanos()));
        } catch (RuntimeException e) {
            log.error("Subscription group {}: checking for receives waiting on a busy handler failed", name, e);
        }
    }

    private void release(int permits) {
        for (int i = 0; i < permits; i++) {
            limit.release();
        }
    }

    /**
     * Stops receiving, hands messages that never started back to their queues at once, and waits up to
     * {@code drainTimeout} for the handlers in flight. Completes with whether everything in flight finished.
     */
    synchronized boolean stop(Duration drainTimeout) {
        if (buffer == null) {
            return true;
        }
        pollers.forEach(QueuePoller::stop);
        gate.close();
        List<WorkUnit> unstarted = buffer.close();
        dispatcher.interrupt();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            CompletableFuture.allOf(pollers.stream().map(QueuePoller::ended).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Subscription group {}: a poller had not ended 5 s after stop", name);
        }
        handBack(unstarted).join();
        List<CompletableFuture<Void>> inFlight = running.stream().map(ReceiveRun::done).toList();
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.warn("Subscription group {} stopped with {} receives still being handled after {}", name,
                    running.size(), drainTimeout);
            return false;
        } catch (Exception e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            closeHeartbeat();
        }
    }

    private void closeHeartbeat() {
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    private CompletableFuture<Void> handBack(List<WorkUnit> units) {
        Map<QueueEndpoint, List<String>> byQueue = units.stream().collect(Collectors.groupingBy(
                unit -> unit.subscription().endpoint(),
                Collectors.flatMapping(unit -> unit.messages().stream().map(in -> in.message().receiptHandle()),
                        Collectors.toList())));
        List<CompletableFuture<Void>> returns = new ArrayList<>();
        byQueue.forEach((endpoint, handles) -> returns.add(processor.acknowledger(endpoint).handBack(handles)
                .exceptionally(error -> {
                    log.warn("Could not hand {} messages back to {}: they return when their visibility ends: {}",
                            handles.size(), endpoint, error.toString());
                    return null;
                })));
        return CompletableFuture.allOf(returns.toArray(CompletableFuture[]::new));
    }

    /**
     * The concurrency permits and settling room of one started unit. The permits go back as soon as every message of
     * the unit has been handled, if the group's settling room can take the unit's messages until they are settled
     * (deleted, delayed or moved to the error queue): the next handler need not wait for SQS to confirm a delete. When
     * the room is full, the permits stay taken until the unit is settled, so a group never holds more than its buffer,
     * its concurrency limit and its settling room.
     */
    private final class Slots {
        private final int messages;
        private final int permits;
        private int unhandled;
        private int settlingRoomTaken;
        private boolean permitsReleased;

        Slots(int messages, int permits) {
            this.messages = messages;
            this.permits = permits;
            this.unhandled = messages;
        }

        synchronized void handled() {
            if (--unhandled == 0 && !permitsReleased && settlingRoom.tryAcquire(messages)) {
                settlingRoomTaken = messages;
                releasePermits();
            }
        }

        synchronized void settled() {
            if (!permitsReleased) {
                releasePermits();
            }
            settlingRoom.release(settlingRoomTaken);
            settlingRoomTaken = 0;
        }

        private void releasePermits() {
            permitsReleased = true;
            release(permits);
        }
    }

    private static Thread daemon(Runnable task, String threadName) {
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "SubscriptionGroup[" + name + ": " + settings + ", queues " + subscriptions + "]";
    }
}
