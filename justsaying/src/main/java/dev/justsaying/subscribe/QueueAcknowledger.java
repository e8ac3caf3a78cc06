package dev.justsaying.subscribe;

import dev.justsaying.internal.Coalescer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Tells one queue what became of its messages: deletes the handled ones and changes the visibility of the ones to
 * try later, coalescing both into batch calls of up to ten. Deletes linger briefly for company, so under load they
 * leave in full batches (as many calls as a receive-and-delete loop makes, not one per handler that finished);
 * visibility changes leave at once. A delete that fails (an expired receipt handle) is logged: SQS will deliver that
 * message again, which at-least-once handling allows.
 */
final class QueueAcknowledger {

    private static final Logger log = LoggerFactory.getLogger(QueueAcknowledger.class);
    private static final int SQS_BATCH = 10;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final int DELETE_BATCHES_IN_FLIGHT = 16;
    /** Short beside any visibility timeout; long enough for ten handlers to finish at a few thousand a second. */
    private static final Duration DELETE_LINGER = Duration.ofMillis(10);
    private static final long MAX_VISIBILITY_SECONDS = 43_200;

    private final QueueEndpoint endpoint;
    private final Coalescer<String, Boolean> deletes;
    private final Coalescer<VisibilityChange, Boolean> visibilityChanges;

    QueueAcknowledger(QueueEndpoint endpoint) {
        this.endpoint = endpoint;
        this.deletes = new Coalescer<>(SQS_BATCH, DELETE_BATCHES_IN_FLIGHT, DELETE_LINGER, this::deleteBatch);
        this.visibilityChanges = new Coalescer<>(SQS_BATCH, BATCHES_IN_FLIGHT, this::changeVisibilityBatch);
    }

    /** Deletes a handled message; completes with whether SQS confirmed it. */
    CompletableFuture<Boolean> delete(String receiptHandle) {
        return deletes.submit(receiptHandle);
    }

    /**
     * Deletes a handled message without lingering: for a FIFO sequence, whose next message waits for this delete.
     */
    CompletableFuture<Boolean> deleteNow(String receiptHandle) {
        return deletes.submitNow(receiptHandle);
    }

    /**
     * Deletes messages handled together (a receive's successes) at once, in DeleteMessageBatch calls of ten made
     * straight from the caller, without the linger; a lone message takes the lingering path instead, for company.
     * Completes once every call has returned, never exceptionally: a failed call is logged, and SQS will deliver its
     * messages again.
     */
    CompletableFuture<Void> deleteTogether(List<String> receiptHandles) {
        if (receiptHandles.size() == 1) {
            return delete(receiptHandles.get(0)).handle((deleted, error) -> null);
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < receiptHandles.size(); from += SQS_BATCH) {
            List<String> batch = receiptHandles.subList(from, Math.min(from + SQS_BATCH, receiptHandles.size()));
            CompletableFuture<List<Boolean>> call;
            try {
                call = deleteBatch(batch);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            calls.add(call.whenComplete((outcomes, error) -> {
                if (error != null) {
                    log.warn("Could not delete {} handled messages from {} (they will be delivered again): {}",
                            batch.size(), endpoint, error.toString());
                }
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, error) -> null);
    }

    /** Makes a message invisible for {@code delay} (whole seconds, rounded up, at most 12 hours). */
    CompletableFuture<Boolean> retryAfter(String receiptHandle, Duration delay) {
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, (delay.toMillis() + 999) / 1000);
        return visibilityChanges.submit(new VisibilityChange(receiptHandle, (int) seconds));
    }

    /** Hands messages back for anyone to receive at once (visibility 0). */
    CompletableFuture<Void> handBack(List<String> receiptHandles) {
        List<CompletableFuture<Boolean>> changes = changeVisibility(receiptHandles.stream()
                .map(handle -> new VisibilityChange(handle, 0)).toList());
        return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new));
    }

    /** Changes the visibility of several messages at once, in full batches; one outcome per change, in order. */
    List<CompletableFuture<Boolean>> changeVisibility(List<VisibilityChange> changes) {
        return visibilityChanges.submitAll(changes);
    }

    private CompletableFuture<List<Boolean>> deleteBatch(List<String> receiptHandles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(receiptHandles.size());
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(receiptHandles.get(i)).build());
        }
        return endpoint.sqs().deleteMessageBatch(b -> b.queueUrl(endpoint.url()).entries(entries))
                .thenApply(response -> outcomes(receiptHandles.size(), response.failed(), "delete"));
    }

    private CompletableFuture<List<Boolean>> changeVisibilityBatch(List<VisibilityChange> changes) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(changes.get(i).receiptHandle).visibilityTimeout(changes.get(i).seconds).build());
        }
        return endpoint.sqs().changeMessageVisibilityBatch(b -> b.queueUrl(endpoint.url()).entries(entries))
                .thenApply(response -> outcomes(changes.size(), response.failed(), "visibility change"));
    }

    private List<Boolean> outcomes(int size, List<BatchResultErrorEntry> failed, String what) {
        Set<String> failedIds = new HashSet<>();
        for (BatchResultErrorEntry failure : failed) {
            failedIds.add(failure.id());
            log.warn("SQS refused a {} on {}: {} {} (the message will be delivered again)", what, endpoint,
                    failure.code(), failure.message());
        }
        List<Boolean> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            outcomes.add(!failedIds.contains(Integer.toString(i)));
        }
        return outcomes;
    }

    /** A message's new visibility timeout, in whole seconds from now. */
    record VisibilityChange(String receiptHandle, int seconds) {
    }
}
