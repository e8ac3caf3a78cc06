package dev.justsaying.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces single requests into batch calls without waiting for a batch to fill: while fewer than
 * {@code maxInFlight} batches are in flight, a request goes out at once (with whatever else is waiting, up to
 * {@code maxBatchSize}); when they are all busy, requests queue and leave together as soon as one returns. Under
 * light load that is one call per request with no added latency; under heavy load, full batches.
 *
 * <p>Used for SQS deletes and visibility changes (10 per call). Internal to the library.
 *
 * @param <T> a request
 * @param <R> its result
 */
public final class Coalescer<T, R> {

    private final int maxBatchSize;
    private final int maxInFlight;
    private final Function<List<T>, CompletableFuture<List<R>>> sendBatch;
    private final ConcurrentLinkedQueue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param sendBatch sends one batch and completes with one result per request, in order; a failed future fails
     *                  every request of the batch
     */
    public Coalescer(int maxBatchSize, int maxInFlight, Function<List<T>, CompletableFuture<List<R>>> sendBatch) {
        if (maxBatchSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size and batches in flight must be positive");
        }
        this.maxBatchSize = maxBatchSize;
        this.maxInFlight = maxInFlight;
        this.sendBatch = Objects.requireNonNull(sendBatch, "sendBatch");
    }

    /** Sends {@code request} in the next batch; completes with its own result. */
    public CompletableFuture<R> submit(T request) {
        Pending<T, R> pending = new Pending<>(request, new CompletableFuture<>());
        waiting.add(pending);
        sendIfIdle();
        return pending.result;
    }

    /**
     * Sends {@code requests} together, in as few batches as they fill (they are queued before any leaves); each
     * future completes with its own request's result. For requests that are due at the same moment.
     */
    public List<CompletableFuture<R>> submitAll(List<T> requests) {
        List<CompletableFuture<R>> results = new ArrayList<>(requests.size());
        for (T request : requests) {
            Pending<T, R> pending = new Pending<>(request, new CompletableFuture<>());
            waiting.add(pending);
            results.add(pending.result);
        }
        sendIfIdle();
        return results;
    }

    private void sendIfIdle() {
        while (!waiting.isEmpty()) {
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
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(batch);
        }
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
            sendIfIdle();
        });
    }

    private record Pending<T, R>(T request, CompletableFuture<R> result) {
    }
}
