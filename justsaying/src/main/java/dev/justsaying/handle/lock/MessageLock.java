package dev.justsaying.handle.lock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A store of keys that lets one consumer at a time work on a message, and remembers the messages whose work is done:
 * the state behind {@link ExactlyOnceMiddleware}. A key is held for a limited time, so a consumer that dies while
 * holding one does not block the message for ever.
 *
 * <p>Implementations are safe for concurrent use, and every consumer that shares the store (threads, processes,
 * regions) sees one truth: of many attempts on a free key at the same moment, exactly one acquires it. A store that
 * cannot answer fails the returned future; it never guesses.
 */
public interface MessageLock {

    /**
     * Tries to take {@code key} for {@code duration}. It is acquired when nobody holds it or its holder's time ran
     * out; otherwise the attempt says whether another consumer is still at work on it or its work is already done.
     */
    CompletableFuture<LockAttempt> tryAcquire(String key, Duration duration);

    /**
     * Records that the work behind {@code lease} is done, to be remembered for {@code keepFor}: until then every
     * attempt on its key is {@link LockAttempt.Outcome#ALREADY_COMPLETED}. It holds even if the lease ran out and
     * another consumer took the key meanwhile: the work was done.
     */
    CompletableFuture<Void> markCompleted(Lease lease, Duration keepFor);

    /**
     * Gives the key of {@code lease} back so that the next attempt acquires it at once. Does nothing if the lease ran
     * out and another consumer holds the key now, or if the key is completed.
     */
    CompletableFuture<Void> release(Lease lease);
}
