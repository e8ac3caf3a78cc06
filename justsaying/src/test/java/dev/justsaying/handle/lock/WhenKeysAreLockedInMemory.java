package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justbehave.MutableClock;
import dev.justsaying.handle.lock.LockAttempt.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WhenKeysAreLockedInMemory {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration A_DAY = Duration.ofDays(1);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryMessageLock lock = new InMemoryMessageLock(clock, 10);

    @Test
    void aFreeKeyIsAcquired() {
        LockAttempt attempt = tryAcquire("k");

        assertThat(attempt.outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(attempt.lease()).hasValueSatisfying(lease -> assertThat(lease.key()).isEqualTo("k"));
    }

    @Test
    void aHeldKeyIsNotAcquiredAgainAndSaysHowLongItIsHeld() {
        tryAcquire("k");
        clock.advance(Duration.ofMinutes(2));

        LockAttempt second = tryAcquire("k");

        assertThat(second.outcome()).isEqualTo(Outcome.HELD_BY_ANOTHER);
        assertThat(second.heldFor()).contains(Duration.ofMinutes(3));
        assertThat(second.lease()).isEmpty();
    }

    @Test
    void aKeyWhoseLeaseRanOutIsAcquiredByTheNext() {
        tryAcquire("k");
        clock.advance(FIVE_MINUTES);

        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aCompletedKeySaysSoUntilItIsForgotten() {
        lock.markCompleted(leaseOf(tryAcquire("k")), A_DAY).join();
        clock.advance(A_DAY.minusSeconds(1));
        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aReleasedKeyIsAcquiredAtOnce() {
        lock.release(leaseOf(tryAcquire("k"))).join();

        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aLeaseThatRanOutCannotReleaseTheKeyFromItsNextHolder() {
        Lease stale = leaseOf(tryAcquire("k"));
        clock.advance(FIVE_MINUTES);
        tryAcquire("k");

        lock.release(stale).join();

        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.HELD_BY_ANOTHER);
    }

    @Test
    void aCompletedKeyIsNotReleased() {
        Lease lease = leaseOf(tryAcquire("k"));
        lock.markCompleted(lease, A_DAY).join();

        lock.release(lease).join();

        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void aCompletionRecordedAfterTheLeaseRanOutStillCounts() {
        Lease slow = leaseOf(tryAcquire("k"));
        clock.advance(FIVE_MINUTES);
        tryAcquire("k");

        lock.markCompleted(slow, A_DAY).join();

        assertThat(tryAcquire("k").outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void expiredKeysArePrunedOnceAMinute() {
        tryAcquire("a");
        tryAcquire("b");
        clock.advance(Duration.ofMinutes(6));

        tryAcquire("c");

        assertThat(lock.size()).isEqualTo(1);
    }

    @Test
    void whenFullItForgetsTheCompletedKeysThatExpireFirst() {
        for (int i = 0; i < 10; i++) {
            lock.markCompleted(leaseOf(tryAcquire("done-" + i)), A_DAY.plusMinutes(i)).join();
        }

        assertThat(tryAcquire("new").outcome()).isEqualTo(Outcome.ACQUIRED);

        assertThat(lock.size()).isEqualTo(10);
        assertThat(tryAcquire("done-0").outcome()).as("forgotten").isEqualTo(Outcome.ACQUIRED);
        assertThat(tryAcquire("done-9").outcome()).as("remembered").isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void whenFullOfKeysBeingWorkedOnANewKeyIsRefusedNotLetThrough() {
        for (int i = 0; i < 10; i++) {
            tryAcquire("busy-" + i);
        }

        assertThatThrownBy(() -> tryAcquire("new")).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(MessageLockException.class);
        assertThat(tryAcquire("busy-3").outcome()).isEqualTo(Outcome.HELD_BY_ANOTHER);
    }

    @Test
    void ofManyThreadsRacingForOneKeyExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LockAttempt>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return tryAcquire("contended");
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<LockAttempt> attempt : attempts) {
                outcomes.add(attempt.get(10, TimeUnit.SECONDS).outcome());
            }

            assertThat(outcomes).containsOnlyOnce(Outcome.ACQUIRED)
                    .filteredOn(outcome -> outcome != Outcome.ACQUIRED).containsOnly(Outcome.HELD_BY_ANOTHER);
        } finally {
            pool.shutdownNow();
        }
    }

    private LockAttempt tryAcquire(String key) {
        return lock.tryAcquire(key, FIVE_MINUTES).join();
    }

    private static Lease leaseOf(LockAttempt attempt) {
        return attempt.lease().orElseThrow();
    }
}
