package dev.justsaying.handle.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageLock} in this JVM's memory: exactly once among the consumers of one process, for tests and
 * single-instance services. Consumers in other processes do not see it, and it forgets everything on restart; use a
 * shared store (DynamoDB) beyond that.
 *
 * <p><b>Bounded memory.</b> Every key expires (a held key when its lease runs out, a completed key after the time it
 * is to be remembered) and expired keys are pruned at most once a minute. On top of that the lock holds at most
 * {@code capacity} keys (a few more while several threads acquire new keys at the same instant): when it is full it prunes at once
 * and, if still full, forgets the completed keys that would expire first, down to nine tenths of its capacity, and
 * says so at WARN (a late duplicate of one of those messages would be handled again). Keys being worked on are never
 * evicted: when every key is in progress, new keys are refused with a {@link MessageLockException} (their messages
 * are retried later), never let through. At about 200 bytes a key, the default 100,000 keys take some 20 MB.
 */
public final class InMemoryMessageLock implements MessageLock {

    public static final int DEFAULT_CAPACITY = 100_000;

    private static final Logger log = LoggerFactory.getLogger(InMemoryMessageLock.class);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int capacity;
    private final AtomicReference<Instant> nextPrune;

    /** A lock on the system clock holding up to {@value #DEFAULT_CAPACITY} keys. */
    public InMemoryMessageLock() {
        this(Clock.systemUTC(), DEFAULT_CAPACITY);
    }

    /** A lock telling time by {@code clock} and holding up to {@code capacity} keys. */
    public InMemoryMessageLock(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("a lock holds at least one key, capacity was " + capacity);
        }
        this.capacity = capacity;
        this.nextPrune = new AtomicReference<>(clock.instant().plus(PRUNE_INTERVAL));
    }

    @Override
    public CompletableFuture<LockAttempt> tryAcquire(String key, Duration duration) {
        Objects.requireNonNull(key, "key");
        requirePositive(duration, "a lock duration");
        Instant now = clock.instant();
        pruneWhenDue(now);
        if (entries.size() >= capacity && !makeRoom(now) && !entries.containsKey(key)) {
            return CompletableFuture.failedFuture(new MessageLockException("the in-memory message lock is full: all "
                    + capacity + " keys are being worked on"));
        }
        Lease lease = Lease.newLeaseOn(key);
        Entry ours = new Entry(lease.owner(), now.plus(duration), false);
        Entry current = entries.compute(key, (ignored, existing) ->
                existing == null || existing.expiredAt(now) ? ours : existing);
        if (current == ours) {
            return CompletableFuture.completedFuture(LockAttempt.acquired(lease));
        }
        return CompletableFuture.completedFuture(current.completed()
                ? LockAttempt.alreadyCompleted()
                : LockAttempt.heldByAnother(Duration.between(now, current.expiresAt())));
    }

    @Override
    public CompletableFuture<Void> markCompleted(Lease lease, Duration keepFor) {
        Objects.requireNonNull(lease, "lease");
        requirePositive(keepFor, "the time to remember a completed key");
        entries.put(lease.key(), new Entry(lease.owner(), clock.instant().plus(keepFor), true));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        entries.computeIfPresent(lease.key(), (ignored, existing) ->
                !existing.completed() && existing.owner().equals(lease.owner()) ? null : existing);
        return CompletableFuture.completedFuture(null);
    }

    /** How many keys the lock holds now, expired ones not yet pruned included. */
    public int size() {
        return entries.size();
    }

    private void pruneWhenDue(Instant now) {
        Instant due = nextPrune.get();
        if (!now.isBefore(due) && nextPrune.compareAndSet(due, now.plus(PRUNE_INTERVAL))) {
            prune(now);
        }
    }

    private void prune(Instant now) {
        entries.values().removeIf(entry -> entry.expiredAt(now));
    }

    /** Prunes, then evicts the completed keys that expire first; whether there is room for a new key after it. */
    private synchronized boolean makeRoom(Instant now) {
        if (entries.size() < capacity) {
            return true;
        }
        prune(now);
        int excess = entries.size() - capacity * 9 / 10;
        if (excess > 0) {
            List<Map.Entry<String, Entry>> firstToExpire = entries.entrySet().stream()
                    .filter(entry -> entry.getValue().completed())
                    .sorted(Comparator.comparing(entry -> entry.getValue().expiresAt()))
                    .limit(excess)
                    .toList();
            int evicted = 0;
            for (Map.Entry<String, Entry> entry : firstToExpire) {
                if (entries.remove(entry.getKey(), entry.getValue())) {
                    evicted++;
                }
            }
            if (evicted > 0) {
                log.warn("The in-memory message lock is full ({} keys): forgot the {} completed keys that would "
                        + "expire first, so late duplicates of their messages would be handled again", capacity, evicted);
            }
        }
        return entries.size() < capacity;
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " is positive, was " + duration);
        }
    }

    @Override
    public String toString() {
        return "in-memory message lock (" + entries.size() + " of " + capacity + " keys)";
    }

    /** A key's holder (or completer), when the key stops meaning anything, and whether its work is done. */
    private record Entry(String owner, Instant expiresAt, boolean completed) {
        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }
}
