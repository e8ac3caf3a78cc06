package dev.justsaying.handle.lock;

import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each message once per handler, though SQS may deliver it more than once: after a delete that failed,
 * after a visibility timeout ran out, or through two regions after a failover.
 *
 * <pre>{@code
 * MessageLock lock = ...;   // shared by every consumer: DynamoDbMessageLock, or InMemoryMessageLock in one process
 * MessagingBus.builder()
 *     .handlers(h -> h.handle(OrderPlaced.class, new ChargeCustomer())
 *                     .withMiddleware(ExactlyOnceMiddleware.using(lock)))
 * }</pre>
 *
 * <p>The key of a message is its handler's name and its JustSaying {@code Id} ({@code metadata().id()}), not the
 * SQS message id: the copies of one message sent through two regions, or sent twice, share one key. Before the
 * handler runs the key is acquired for {@link Builder#lockFor the lock duration}, then:
 * <ul>
 *   <li><b>acquired</b> → the handler runs; on success the key is marked completed and remembered for
 *       {@link Builder#rememberCompletedFor}, on failure (a failed result or an exception) it is released, so the
 *       retry runs the handler again;</li>
 *   <li><b>already completed</b> → success without calling the handler: the duplicate is deleted;</li>
 *   <li><b>held by another consumer</b> → a failure retried once that consumer's lease runs out (at least a second
 *       later), when the message is normally found completed and deleted;</li>
 *   <li><b>the lock store fails</b>, or does not answer within {@link Builder#waitForLockAtMost} → a failure (a
 *       {@link MessageLockException}) retried after the usual backoff; the handler does not run and the message is
 *       not dropped.</li>
 * </ul>
 *
 * <p><b>Threads.</b> The middleware waits for the lock's answer on the thread that calls it (the bus's handler
 * thread) and calls the inner layers there, so a blocking handler stays on the handler threads the concurrency limit
 * counts, and sees the message context the outer layers set on that thread. What follows the handler (recording
 * the outcome) is asynchronous.
 *
 * <p><b>Guarantees.</b> While the store answers, a handler never runs for two copies of a message at the same time,
 * and never again after it succeeded for one of them within the remembered time. A success is final even if the
 * store then fails to record it (logged at WARN): the handler did its work, and the message is deleted.
 *
 * <p><b>Limits</b> — this is effectively-once handling, not a transaction with the handler's side effects:
 * <ul>
 *   <li>a handler that runs longer than the lock duration may run again in parallel for another copy: keep the
 *       lock duration above the longest handling time and the queue's visibility timeout;</li>
 *   <li>a consumer that dies after the handler's side effects but before marking the key completed leaves the key
 *       held until its lease runs out; the retry then runs the handler again (make writes idempotent);</li>
 *   <li>success not recorded because the store failed leaves the key to expire: a later copy is handled again;</li>
 *   <li>copies arriving after the remembered time are handled again;</li>
 *   <li>a deferred duplicate is received again, which counts toward its queue's maximum receive count;</li>
 *   <li>the store must be one truth for every consumer: a lock per process sees only its own consumers, and a table
 *       replicated asynchronously between regions (DynamoDB global tables) lets two regions acquire the same key.</li>
 * </ul>
 *
 * <p>Add it as custom middleware: it then runs inside the default layers, just around the handler, so backoff,
 * logging and metrics see its failures like the handler's.
 */
public final class ExactlyOnceMiddleware implements HandlerMiddleware {

    public static final Duration DEFAULT_LOCK_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REMEMBER_COMPLETED_FOR = Duration.ofDays(7);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceMiddleware.class);
    private static final Duration SHORTEST_DEFERRAL = Duration.ofSeconds(1);

    private final MessageLock lock;
    private final Duration lockDuration;
    private final Duration rememberCompletedFor;
    private final Duration lockWait;

    private ExactlyOnceMiddleware(Builder builder) {
        this.lock = builder.lock;
        this.lockDuration = builder.lockDuration;
        this.rememberCompletedFor = builder.rememberCompletedFor;
        this.lockWait = builder.lockWait;
    }

    /**
     * The middleware on {@code lock} with the default durations: lock 5 minutes, remember completed 7 days, wait for
     * the lock 10 seconds at most.
     */
    public static ExactlyOnceMiddleware using(MessageLock lock) {
        return builder(lock).build();
    }

    public static Builder builder(MessageLock lock) {
        return new Builder(lock);
    }

    /**
     * The lock key of a delivery: its handler's name (the same in every process, lambdas included) and the message's
     * JustSaying {@code Id} (the same through every region).
     */
    public static String keyOf(Delivery delivery) {
        return delivery.handlerName() + ":" + delivery.context().metadata().id();
    }

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        String key = keyOf(delivery);
        LockAttempt attempt;
        try {
            attempt = awaitAttempt(key);
        } catch (MessageLockException e) {
            return CompletableFuture.completedFuture(HandleResult.failure(e));
        }
        return decide(attempt, key, delivery, next);
    }

    /**
     * Asks the lock on the calling thread and waits for its answer, so that the handler then runs on the bus's
     * handler thread with what the outer layers put there (MDC, {@code CurrentMessage}), not on the lock client's.
     */
    private LockAttempt awaitAttempt(String key) {
        CompletableFuture<LockAttempt> pending = safely(() -> lock.tryAcquire(key, lockDuration));
        try {
            LockAttempt attempt = pending.get(lockWait.toNanos(), TimeUnit.NANOSECONDS);
            if (attempt == null) {
                throw new MessageLockException("the message lock gave no answer for " + key);
            }
            return attempt;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            throw cause instanceof MessageLockException lockException
                    ? lockException
                    : new MessageLockException("the message lock could not be acquired for " + key, cause);
        } catch (TimeoutException e) {
            releaseIfAcquiredLater(pending);
            throw new MessageLockException("the message lock did not answer within " + lockWait + " for " + key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            releaseIfAcquiredLater(pending);
            throw new MessageLockException("interrupted while waiting for the message lock for " + key, e);
        }
    }

    /** A key acquired after we stopped waiting would block its message's retry until it expires: give it back. */
    private void releaseIfAcquiredLater(CompletableFuture<LockAttempt> pending) {
        pending.thenAccept(late -> late.lease().ifPresent(this::release));
    }

    private CompletionStage<HandleResult> decide(LockAttempt attempt, String key, Delivery delivery, Next next) {
        return switch (attempt.outcome()) {
            case ACQUIRED -> handleHolding(attempt.lease().orElseThrow(), delivery, next);
            case ALREADY_COMPLETED -> {
                log.debug("Skipped {} {}: {} already handled it", delivery.context().typeName(),
                        delivery.context().messageId(), delivery.handlerName());
                yield CompletableFuture.completedFuture(HandleResult.success());
            }
            case HELD_BY_ANOTHER -> {
                Duration delay = max(attempt.heldFor().orElse(SHORTEST_DEFERRAL), SHORTEST_DEFERRAL);
                log.debug("Deferred {} {} by {}: another consumer is handling the same message",
                        delivery.context().typeName(), delivery.context().messageId(), delay);
                yield CompletableFuture.completedFuture(HandleResult
                        .failure("another consumer is handling the same message (" + key + ")")
                        .retryAfter(delay));
            }
        };
    }

    private CompletionStage<HandleResult> handleHolding(Lease lease, Delivery delivery, Next next) {
        return safely(() -> next.handle(delivery).toCompletableFuture())
                .handle((result, error) -> {
                    boolean handled = error == null && result != null && result.isSuccess();
                    CompletableFuture<HandleResult> outcome = error == null
                            ? CompletableFuture.completedFuture(result)
                            : CompletableFuture.failedFuture(error);
                    return (handled ? markCompleted(lease) : release(lease)).thenCompose(ignored -> outcome);
                })
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Void> markCompleted(Lease lease) {
        return safely(() -> lock.markCompleted(lease, rememberCompletedFor)).exceptionally(error -> {
            log.warn("Handled the message of lock key {} but could not record it: a copy arriving after the lock "
                    + "expires would be handled again ({})", lease.key(), HandleResult.describe(unwrap(error)));
            return null;
        });
    }

    private CompletableFuture<Void> release(Lease lease) {
        return safely(() -> lock.release(lease)).exceptionally(error -> {
            log.warn("Could not release lock key {} after a failure: its retry waits until the lock expires ({})",
                    lease.key(), HandleResult.describe(unwrap(error)));
            return null;
        });
    }

    /** Runs {@code call}, turning an exception it throws instead of returning a future into a failed future. */
    private static <T> CompletableFuture<T> safely(Supplier<CompletableFuture<T>> call) {
        try {
            return Objects.requireNonNull(call.get(), "a message lock returned no future");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "exactly once (lock " + lockDuration + ", remember " + rememberCompletedFor + ", " + lock + ")";
    }

    /** The durations of the middleware; each has a default. */
    public static final class Builder {
        private final MessageLock lock;
        private Duration lockDuration = DEFAULT_LOCK_DURATION;
        private Duration rememberCompletedFor = DEFAULT_REMEMBER_COMPLETED_FOR;
        private Duration lockWait = DEFAULT_LOCK_WAIT;

        private Builder(MessageLock lock) {
            this.lock = Objects.requireNonNull(lock, "lock");
        }

        /**
         * How long a consumer holds a message's key while handling it (default 5 minutes): longer than the longest
         * handling and the visibility timeout, short enough for a copy to be handled soon after a consumer died.
         */
        public Builder lockFor(Duration value) {
            this.lockDuration = positive(value, "the lock duration");
            return this;
        }

        /** How long a handled message's key is remembered, so that later copies are skipped (default 7 days). */
        public Builder rememberCompletedFor(Duration value) {
            this.rememberCompletedFor = positive(value, "the time to remember a completed key");
            return this;
        }

        /**
         * How long to wait for the lock's answer before the message fails, to be tried again (default 10 seconds).
         * The wait holds the handler thread, as a blocking handler would.
         */
        public Builder waitForLockAtMost(Duration value) {
            this.lockWait = positive(value, "the wait for the lock");
            return this;
        }

        public ExactlyOnceMiddleware build() {
            if (rememberCompletedFor.compareTo(lockDuration) < 0) {
                throw new IllegalArgumentException("a completed key is remembered at least as long as it is locked ("
                        + lockDuration + "), was " + rememberCompletedFor);
            }
            return new ExactlyOnceMiddleware(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " is positive, was " + value);
            }
            return value;
        }
    }
}
