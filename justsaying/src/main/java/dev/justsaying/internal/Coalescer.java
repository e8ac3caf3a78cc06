package dev.justsaying.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces single requests into batch calls of up to {@code maxBatchSize}, at most {@code maxInFlight} calls at
 * once. Without a linger, a request goes out at once while a call is free (with whatever else is waiting): one call
 * per request under light load, no added latency. With a linger, a full batch goes out at once and a partial one
 * after its first request has waited the linger: full batches whenever requests come faster than
 * {@code maxBatchSize} per linger, for callers that do not wait on the result (SQS deletes after handling). When
 * every call is busy, requests queue and leave as soon as one returns.
 *
 * <p>Used for SQS deletes and visibility changes (10 per call). Internal to the library.
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class Coalescer<T, R> {

    private final int maxBatchSize;
    private final int maxInFlight;
    private final Duration linger;
    private final long lingerNanos;
    private final Function<List<T>, CompletableFuture<List<R>>> sendBatch;
    private final ConcurrentLinkedQueue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    /**
     * A coalescer without linger.
     *
     * @param sendBatch sends one batch and completes with one result per request, in order; a failed future fails
     *                  every request of the batch
     */
    public Coalescer(int maxBatchSize, int maxInFlight, Function<List<T>, CompletableFuture<List<R>>> sendBatch) {
        this(maxBatchSize, maxInFlight, Duration.ZERO, sendBatch);
    }

    /** A coalescer whose partial batches wait up to {@code linger} for company ({@link Duration#ZERO}: none). */
    public Coalescer(int maxBatchSize, int maxInFlight, Duration linger,
                     Function<List<T>, CompletableFuture<List<R>>> sendBatch) {
        if (maxBatchSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size and batches in flight must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("the linger cannot be negative, was " + linger);
        }
        this.maxBatchSize = maxBatchSize;
        this.maxInFlight = maxInFlight;
        this.linger = linger;
        this.lingerNanos = linger.toNanos();
        this.sendBatch = Objects.requireNonNull(sendBatch, "sendBatch");
    }

    /** Sends {@code request} in the next batch; completes with its own result. */
    public CompletableFuture<R> submit(T request) {
        Pending<T, R> pending = pending(request);
        waiting.add(pending);
        waitingCount.incrementAndGet();
        requestsAdded();
        return pending.result;
    }

    /**
     * Sends {@code request} at once (with whatever else is waiting) while a call is free, whatever the linger: for a
     * caller that waits on the result before it goes on.
     */
    public CompletableFuture<R> submitNow(T request) {
        Pending<T, R> pending = pending(request);
        waiting.add(pending);
        waitingCount.incrementAndGet();
        sendWhileFree(Partials.ALL);
        lingerForTheRest();
        return pending.result;
    }

    /**
     * Sends {@code requests} together, in as few batches as they fill (they are queued before any leaves); each
     * future completes with its own request's result. For requests that are due at the same moment.
     */
    public List<CompletableFuture<R>> submitAll(List<T> requests) {
        List<CompletableFuture<R>> results = new ArrayList<>(requests.size());
        for (T request : requests) {
            Pending<T, R> pending = pending(request);
            waiting.add(pending);
            results.add(pending.result);
        }
        waitingCount.addAndGet(requests.size());
        requestsAdded();
        return results;
    }

    private Pending<T, R> pending(T request) {
        return new Pending<>(request, new CompletableFuture<>(), linger.isZero() ? 0 : System.nanoTime() + lingerNanos);
    }

    private void requestsAdded() {
        sendWhileFree(linger.isZero() ? Partials.ALL : Partials.DUE);
        lingerForTheRest();
    }

    /**
     * A partial batch waiting goes out when its oldest request has waited the linger (one flush scheduled at a time,
     * for when the oldest waiting request is due): requests that keep coming fill batches instead.
     */
    private void lingerForTheRest() {
        if (!linger.isZero() && waitingCount.get() > 0 && flushScheduled.compareAndSet(false, true)) {
            LibraryTimer.schedule(() -> {
                flushScheduled.set(false);
                sendWhileFree(Partials.DUE);
                lingerForTheRest();
            }, Duration.ofNanos(untilOldestIsDue()));
        }
    }

    /** How long until the oldest waiting request is due; a whole linger if it is due already (all calls busy). */
    private long untilOldestIsDue() {
        Pending<T, R> oldest = waiting.peek();
        long left = oldest == null ? 0 : oldest.dueAt - System.nanoTime();
        return left > 0 ? left : lingerNanos;
    }

    /** Sends batches while a call is free: full ones, and partial ones as {@code partials} says. */
    private void sendWhileFree(Partials partials) {
        while (true) {
            int queued = waitingCount.get();
            if (queued <= 0 || (queued < maxBatchSize && !partialMayLeave(partials))) {
                return;
            }
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            List<Pending<T, R>> batch = new ArrayList<>(maxBatchSize);
            Pending<T, R> next;
            while (batch.size() < maxBatchSize && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            waitingCount.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(batch);
        }
    }

    private boolean partialMayLeave(Partials partials) {
        return switch (partials) {
            case ALL -> true;
            case DUE -> {
                Pending<T, R> oldest = waiting.peek();
                yield oldest != null && System.nanoTime() - oldest.dueAt >= 0;
            }
        };
    }

    private void send(List<Pending<T, R>> batch) {
        List<T> requests = new ArrayList<>(batch.size());
        batch.forEach(pending -> requests.add(pending.request));
        CompletableFuture<List<R>> call;
        try {
            call = sendBatch.apply(requests);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((results, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<R> result = batch.get(i).result;
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (results == null || results.size() != batch.size()) {
                    result.completeExceptionally(new IllegalStateException(
                            "a batch of " + batch.size() + " came back with " + (results == null ? 0 : results.size()) + " results"));
                } else {
                    result.complete(results.get(i));
                }
            }
            inFlight.decrementAndGet();
            requestsAdded();
        });
    }

    /** Which partial batches may leave: any, or one whose oldest request has waited the linger. */
    private enum Partials { ALL, DUE }

    /** A request, its result, and when it is due to leave even in a partial batch ({@link System#nanoTime()}). */
    private record Pending<T, R>(T request, CompletableFuture<R> result, long dueAt) {
    }
}
