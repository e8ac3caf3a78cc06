package dev.justsaying.subscribe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The units of one receive on the handler side: one task per receive rather than one per message. The dispatcher
 * offers each unit once it holds the unit's concurrency permits, and lets the run {@link #go} before it waits for
 * more; the run's worker takes the offered units one after another on one handler thread, and deletes the successes
 * it handled in one DeleteMessageBatch call of its own when it runs out of offered units (no linger). Failures, and
 * units other than one message for a single-message handler (batch handlers, FIFO sequences, undeliverable
 * messages), are settled by {@link MessageProcessor} as before.
 *
 * <p><b>When a receive gets more threads.</b> One thread per receive only while it keeps up; otherwise the run
 * spreads, and every unit offered or waiting gets a worker of its own: when a unit is offered whose handler's recent
 * calls average {@link HandlerPace#QUICK_NANOS} or more, and when the group's watch ({@link #spreadIfWaiting}, every
 * {@link SubscriptionGroup#SPREAD_AFTER}) finds a unit that has waited {@link SubscriptionGroup#SPREAD_AFTER} for a
 * busy sibling. So a slow handler holds back the rest of its receive for about twice that at most, and never past the
 * concurrency limit: a worker handles one unit at a time, and every offered unit already holds its permits.
 */
final class ReceiveRun {

    private static final Logger log = LoggerFactory.getLogger(ReceiveRun.class);

    private final MessageProcessor processor;
    private final QueueAcknowledger acknowledger;
    private final Executor handlers;
    private final Function<HandlerBinding, HandlerPace> paces;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private final ArrayDeque<Offered> ready = new ArrayDeque<>();
    private List<Offered> succeeded = new ArrayList<>();
    private int workers;
    private int unsettled;
    private boolean spread;
    private boolean allOffered;

    /**
     * How the group follows one unit: {@code handled} hears of each of its messages whose handling ended (settling
     * waits for the stage it returns), {@code settled} of the unit once all of it is settled.
     */
    interface Hooks {
        CompletableFuture<Void> handled(Message message);

        void settled();
    }

    private record Offered(WorkUnit unit, Hooks hooks, long offeredAt) {
    }

    ReceiveRun(MessageProcessor processor, QueueAcknowledger acknowledger, Executor handlers,
               Function<HandlerBinding, HandlerPace> paces) {
        this.processor = processor;
        this.acknowledger = acknowledger;
        this.handlers = handlers;
        this.paces = paces;
    }

    /** Completes once every offered unit is settled and no more will be offered. */
    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * A unit whose permits are taken: the run's worker takes it once the run {@link #go goes}, or at once on a thread
     * of its own if the run has spread.
     */
    void offer(WorkUnit unit, Hooks hooks) {
        boolean startWorker;
        synchronized (this) {
            unsettled++;
            ready.add(new Offered(unit, hooks, System.nanoTime()));
            if (!spread && unit.isOneForASingleHandler() && !paces.apply(unit.binding()).isQuick()) {
                spread = true;
            }
            startWorker = spread;
            if (startWorker) {
                workers++;
            }
        }
        if (startWorker) {
            startWorker();
        }
    }

    /** Starts a worker on the units offered so far unless one is at work; the dispatcher calls it before it waits. */
    void go() {
        synchronized (this) {
            if (workers > 0 || ready.isEmpty()) {
                return;
            }
            workers++;
        }
        startWorker();
    }

    /** No more units will be offered: the run goes, and is done once what was offered is settled. */
    void allOffered() {
        go();
        boolean finished;
        synchronized (this) {
            allOffered = true;
            finished = unsettled == 0;
        }
        if (finished) {
            done.complete(null);
        }
    }

    /**
     * If the oldest offered unit has waited {@code waitNanos} for a worker, the run spreads: every offered unit, and
     * every unit offered from now on, gets a worker of its own.
     */
    void spreadIfWaiting(long now, long waitNanos) {
        int start;
        synchronized (this) {
            Offered oldest = ready.peek();
            if (oldest == null || now - oldest.offeredAt < waitNanos) {
                return;
            }
            spread = true;
            start = ready.size();
            workers += start;
        }
        for (int i = 0; i < start; i++) {
            startWorker();
        }
    }

    private void startWorker() {
        try {
            handlers.execute(this::work);
        } catch (RejectedExecutionException stopping) {
            work();
        }
    }

    /** Takes offered units one after another until none is left; an unfinished async handler resumes it later. */
    private void work() {
        Offered next;
        while ((next = nextOrRetire()) != null) {
            Offered current = next;
            CompletableFuture<Boolean> outcome = start(current);
            if (!outcome.isDone()) {
                outcome.whenComplete((succeeded, error) -> {
                    finished(current, Boolean.TRUE.equals(succeeded));
                    startWorker();
                });
                return;
            }
            finished(current, Boolean.TRUE.equals(outcome.getNow(false)));
        }
    }

    /**
     * Runs one unit: completes with true for a success whose delete is the run's, false once the unit was otherwise
     * settled.
     */
    private CompletableFuture<Boolean> start(Offered offered) {
        WorkUnit unit = offered.unit;
        try {
            if (!unit.isOneForASingleHandler()) {
                return processor.process(unit, offered.hooks::handled).thenApply(ignored -> false);
            }
            HandlerPace pace = paces.apply(unit.binding());
            long started = System.nanoTime();
            return processor.handleLeavingTheDelete(unit, message -> {
                pace.took(System.nanoTime() - started);
                return offered.hooks.handled(message);
            });
        } catch (RuntimeException e) {
            log.error("Processing a unit from {} failed unexpectedly", unit.subscription().endpoint(), e);
            return CompletableFuture.completedFuture(false);
        }
    }

    private void finished(Offered offered, boolean toDelete) {
        if (toDelete) {
            synchronized (this) {
                succeeded.add(offered);
            }
        } else {
            settled(List.of(offered));
        }
    }

    /** The next offered unit; null if none is left, and then this worker retires and deletes its successes. */
    private Offered nextOrRetire() {
        List<Offered> toDelete;
        synchronized (this) {
            Offered next = ready.poll();
            if (next != null) {
                return next;
            }
            workers--;
            if (succeeded.isEmpty()) {
                return null;
            }
            toDelete = succeeded;
            succeeded = new ArrayList<>();
        }
        List<String> receiptHandles = new ArrayList<>(toDelete.size());
        toDelete.forEach(offered -> receiptHandles.add(offered.unit.messages().get(0).message().receiptHandle()));
        acknowledger.deleteTogether(receiptHandles).whenComplete((ignored, error) -> settled(toDelete));
        return null;
    }

    private void settled(List<Offered> units) {
        units.forEach(offered -> offered.hooks.settled());
        boolean finished;
        synchronized (this) {
            unsettled -= units.size();
            finished = allOffered && unsettled == 0;
        }
        if (finished) {
            done.complete(null);
        }
    }
}
