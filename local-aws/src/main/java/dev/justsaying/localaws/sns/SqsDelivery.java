package dev.justsaying.localaws.sns;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Delivers notifications into SQS queues asynchronously, as SNS does: publishing only enqueues. Each queue has a lane
 * that coalesces waiting messages into SendMessageBatch calls of up to ten; a standard queue has up to eight batches in
 * flight, a FIFO queue one, so that its order holds. A message finding the lane idle goes at once; under load,
 * messages wait for a full batch or for a batch in flight to complete, like Nagle's algorithm. Transient failures
 * (5xx, throttling, connection errors) are retried with backoff for a bounded time; a queue that does not exist, an
 * unknown region, a closed client or exhausted retries count the messages as failed, with a WARN. Memory is bounded:
 * past a number of waiting messages or bytes ({@link Limits}), {@link #hasCapacity()} turns false and publishes are
 * throttled.
 */
final class SqsDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsDelivery.class);

    private static final int MAX_BATCH_ENTRIES = 10;
    /** SQS's limit on the total size of a batch. */
    private static final int MAX_BATCH_BYTES = 1_048_576;
    private static final int STANDARD_QUEUE_BATCHES_IN_FLIGHT = 8;
    private static final long RETRY_FOR_NANOS = Duration.ofSeconds(60).toNanos();
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    private static final long WARNING_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    /** How much may wait for delivery before publishes are throttled. */
    record Limits(long maxPendingMessages, long maxPendingBytes) {
        static final Limits DEFAULT = new Limits(100_000, 64L * 1024 * 1024);
    }

    private final SqsDeliveryTargets targets;
    private final Limits limits;
    private final ConcurrentHashMap<SqsQueueArn, QueueLane> lanes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder batchCalls = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Object settledMonitor = new Object();
    private final ThreadLocal<Set<QueueLane>> lanesToSendAfterwards = new ThreadLocal<>();

    SqsDelivery(SqsDeliveryTargets targets, Limits limits, String threadNamePrefix) {
        this.targets = targets;
        this.limits = limits;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadNamePrefix + "-delivery-retry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.retries = scheduler;
    }

    /** Whether more messages may be accepted: false while too many are waiting for delivery. */
    boolean hasCapacity() {
        return pending.get() < limits.maxPendingMessages() && pendingBytes.get() < limits.maxPendingBytes();
    }

    /** Queues a message for delivery and returns at once. */
    void deliver(SqsQueueArn queue, SqsMessage message) {
        pending.incrementAndGet();
        pendingBytes.addAndGet(message.size());
        QueueLane lane = lanes.computeIfAbsent(queue, QueueLane::new);
        Set<QueueLane> deferred = lanesToSendAfterwards.get();
        if (deferred == null) {
            lane.add(message);
        } else {
            lane.enqueue(message);
            deferred.add(lane);
        }
    }

    /**
     * Runs the deliveries of several messages (a PublishBatch) and only then lets the queues send, so that messages
     * published together travel in the same SendMessageBatch calls.
     */
    <T> T together(Supplier<T> deliveries) {
        if (lanesToSendAfterwards.get() != null) {
            return deliveries.get();
        }
        Set<QueueLane> deferred = new LinkedHashSet<>();
        lanesToSendAfterwards.set(deferred);
        try {
            return deliveries.get();
        } finally {
            lanesToSendAfterwards.remove();
            deferred.forEach(QueueLane::sendWhatCanGo);
        }
    }

    DeliveryStats stats() {
        return new DeliveryStats(delivered.sum(), failed.sum(), pending.get());
    }

    /** Waits up to the grace period for deliveries under way, then cancels scheduled retries. */
    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (settledMonitor) {
            long remaining;
            while (pending.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(settledMonitor, remaining);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        retries.shutdownNow();
        LOG.info("Delivered {} message(s) to SQS in {} SendMessageBatch call(s), {} failed",
                delivered.sum(), batchCalls.sum(), failed.sum());
        long abandoned = pending.get();
        if (abandoned > 0) {
            LOG.warn("SNS endpoint closed with {} message(s) not yet delivered to SQS", abandoned);
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void settle(List<SqsMessage> messages) {
        long bytes = 0;
        for (SqsMessage message : messages) {
            bytes += message.size();
        }
        pendingBytes.addAndGet(-bytes);
        if (pending.addAndGet(-messages.size()) == 0) {
            synchronized (settledMonitor) {
                settledMonitor.notifyAll();
            }
        }
    }

    /** One batch on its way, with its retry deadline and attempt number. */
    private record Attempt(List<SqsMessage> messages, long deadlineNanos, int number) {

        Attempt retrying(List<SqsMessage> remaining) {
            return new Attempt(remaining, deadlineNanos, number + 1);
        }

        long backoffMillis() {
            long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(number - 1, 16));
            return backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        }
    }

    /** The messages waiting for one queue and the batches in flight to it. */
    private final class QueueLane {

        private final SqsQueueArn queue;
        private final SqsAsyncClient sqs;
        private final int maxBatchesInFlight;
        private final ArrayDeque<SqsMessage> waiting = new ArrayDeque<>();
        private long waitingBytes;
        private int batchesInFlight;
        private boolean sending;
        private boolean sendAgain;
        private long lastWarningNanos;
        private long failuresNotWarned;
        private CompletableFuture<String> queueUrl;

        QueueLane(SqsQueueArn queue) {
            this.queue = queue;
            Optional<SqsAsyncClient> client = targets.sqsFor(queue.region());
            this.sqs = client.orElse(null);
            this.maxBatchesInFlight = queue.fifo() ? 1 : STANDARD_QUEUE_BATCHES_IN_FLIGHT;
        }

        void add(SqsMessage message) {
            enqueue(message);
            sendWhatCanGo();
        }

        synchronized void enqueue(SqsMessage message) {
            waiting.add(message);
            waitingBytes += message.size();
        }

        /**
         * Sends the batches that may go now. One thread at a time does so for a lane: a call arriving meanwhile (a
         * completion, even one completing synchronously inside {@code send}) leaves the work to it, so that the
         * stack never grows with the number of batches.
         */
        void sendWhatCanGo() {
            synchronized (this) {
                if (sending) {
                    sendAgain = true;
                    return;
                }
                sending = true;
            }
            boolean done = false;
            try {
                while (!done) {
                    List<SqsMessage> batch = nextBatch();
                    if (batch != null) {
                        send(new Attempt(batch, System.nanoTime() + RETRY_FOR_NANOS, 1));
                    } else {
                        synchronized (this) {
                            done = !sendAgain;
                            sendAgain = false;
                            sending = !done;
                        }
                    }
                }
            } finally {
                if (!done) {
                    synchronized (this) {
                        sending = false;
                    }
                }
            }
        }

        /**
         * The next batch to send, or null: none while the lane has its batches in flight, and while some batch is in
         * flight a partial one waits for its completion (so that under load batches fill up, and when idle a single
         * message goes at once).
         */
        private synchronized List<SqsMessage> nextBatch() {
            if (batchesInFlight >= maxBatchesInFlight || waiting.isEmpty()) {
                return null;
            }
            if (batchesInFlight > 0 && waiting.size() < MAX_BATCH_ENTRIES && waitingBytes < MAX_BATCH_BYTES) {
                return null;
            }
            List<SqsMessage> batch = new ArrayList<>(Math.min(MAX_BATCH_ENTRIES, waiting.size()));
            int bytes = 0;
            while (batch.size() < MAX_BATCH_ENTRIES && !waiting.isEmpty()
                    && (batch.isEmpty() || bytes + waiting.peek().size() <= MAX_BATCH_BYTES)) {
                SqsMessage next = waiting.poll();
                bytes += next.size();
                waitingBytes -= next.size();
                batch.add(next);
            }
            batchesInFlight++;
            return batch;
        }

        private void batchDone() {
            synchronized (this) {
                batchesInFlight--;
            }
            sendWhatCanGo();
        }

        private synchronized CompletableFuture<String> queueUrl() {
            if (queueUrl == null) {
                queueUrl = sqs.getQueueUrl(request -> request.queueName(queue.queueName())
                        .queueOwnerAWSAccountId(queue.accountId())).thenApply(GetQueueUrlResponse::queueUrl);
            }
            return queueUrl;
        }

        private synchronized void forget(CompletableFuture<String> staleQueueUrl) {
            if (queueUrl == staleQueueUrl) {
                queueUrl = null;
            }
        }

        private void send(Attempt attempt) {
            if (sqs == null) {
                giveUp(attempt.messages(), "region " + queue.region() + " is not part of this stack");
                batchDone();
                return;
            }
            CompletableFuture<String> url;
            try {
                url = queueUrl();
            } catch (RuntimeException clientUnusable) {
                giveUp(attempt.messages(), clientUnusable.toString());
                batchDone();
                return;
            }
            batchCalls.increment();
            url.thenCompose(queueUrl -> sqs.sendMessageBatch(batchRequest(queueUrl, attempt.messages())))
                    .whenComplete((response, error) -> {
                        try {
                            completed(attempt, url, response, error);
                        } catch (RuntimeException unexpected) {
                            LOG.error("Delivery to {} failed unexpectedly", queue, unexpected);
                            batchDone();
                        }
                    });
        }

        private SendMessageBatchRequest batchRequest(String queueUrl, List<SqsMessage> messages) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                SqsMessage message = messages.get(i);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(message.body())
                        .messageGroupId(message.messageGroupId())
                        .messageDeduplicationId(message.deduplicationId());
                if (!message.attributes().isEmpty()) {
                    entry.messageAttributes(message.attributes());
                }
                entries.add(entry.build());
            }
            return SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build();
        }

        private void completed(Attempt attempt, CompletableFuture<String> url, SendMessageBatchResponse response,
                Throwable error) {
            if (error != null) {
                Throwable cause = unwrap(error);
                forget(url);
                boolean missing = queueMissing(cause);
                if (!missing && transientFailure(cause) && retryLater(attempt, attempt.messages())) {
                    return;
                }
                giveUp(attempt.messages(), missing ? "the queue does not exist" : cause.toString());
                batchDone();
                return;
            }
            List<SqsMessage> toRetry = new ArrayList<>();
            boolean[] notDelivered = new boolean[attempt.messages().size()];
            for (BatchResultErrorEntry entry : response.failed()) {
                int index = Integer.parseInt(entry.id());
                notDelivered[index] = true;
                SqsMessage message = attempt.messages().get(index);
                if (Boolean.TRUE.equals(entry.senderFault())) {
                    giveUp(List.of(message), entry.code() + ": " + entry.message());
                } else {
                    toRetry.add(message);
                }
            }
            List<SqsMessage> deliveredNow = new ArrayList<>(attempt.messages().size());
            for (int i = 0; i < notDelivered.length; i++) {
                if (!notDelivered[i]) {
                    deliveredNow.add(attempt.messages().get(i));
                }
            }
            delivered.add(deliveredNow.size());
            settle(deliveredNow);
            if (!toRetry.isEmpty() && retryLater(attempt, toRetry)) {
                return;
            }
            if (!toRetry.isEmpty()) {
                giveUp(toRetry, "retries exhausted");
            }
            batchDone();
        }

        /** Schedules another attempt for the messages, keeping the batch's slot; false when time is up or closed. */
        private boolean retryLater(Attempt attempt, List<SqsMessage> messages) {
            if (System.nanoTime() - attempt.deadlineNanos() > 0) {
                return false;
            }
            try {
                retries.schedule(() -> send(attempt.retrying(messages)), attempt.backoffMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (RejectedExecutionException closed) {
                return false;
            }
        }

        /** Counts messages as failed; WARNs at most every few seconds per queue, with what went unreported since. */
        private void giveUp(List<SqsMessage> messages, String reason) {
            failed.add(messages.size());
            settle(messages);
            long now = System.nanoTime();
            long unreported;
            synchronized (this) {
                if (lastWarningNanos != 0 && now - lastWarningNanos < WARNING_INTERVAL_NANOS) {
                    failuresNotWarned += messages.size();
                    LOG.debug("Could not deliver {} message(s) to {}: {}", messages.size(), queue, reason);
                    return;
                }
                lastWarningNanos = now;
                unreported = failuresNotWarned;
                failuresNotWarned = 0;
            }
            LOG.warn("Could not deliver {} message(s) to {}: {}{}", messages.size(), queue, reason,
                    unreported == 0 ? "" : " (and " + unreported + " more since the last warning)");
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean queueMissing(Throwable cause) {
        if (cause instanceof QueueDoesNotExistException) {
            return true;
        }
        if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = String.valueOf(service.awsErrorDetails().errorCode());
            return code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist");
        }
        return false;
    }

    /** 5xx, throttling, connection errors; not a client that was closed (its executor rejects the call). */
    private static boolean transientFailure(Throwable cause) {
        if (cause instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        if (!(cause instanceof SdkClientException)) {
            return false;
        }
        for (Throwable inner = cause.getCause(); inner != null; inner = inner.getCause()) {
            if (inner instanceof RejectedExecutionException || inner instanceof IllegalStateException) {
                return false;
            }
        }
        return true;
    }
}
