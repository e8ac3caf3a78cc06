package dev.justsaying.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.MutableClock;
import dev.justsaying.handle.lock.LockAttempt.Outcome;
import dev.justsaying.handle.lock.LockAttempt;
import dev.justsaying.localaws.LocalAwsExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumers, each with a lock of its own on one table, try for the same key at the same instant. */
class WhenManyConsumersRaceForOneKey {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1");

    private static final String TABLE = "raced-locks";
    private static final int CONSUMERS = 12;
    /** Rounds per test; {@code -Drounds=100} makes a rare race show itself. */
    private static final int ROUNDS = Integer.getInteger("rounds", 10);

    private final MutableClock clock = MutableClock.atNow();
    private final ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS);

    @BeforeAll
    static void createTable() {
        DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient()).tableName(TABLE).build().createTableIfMissing().join();
    }

    @AfterEach
    void stopConsumers() {
        consumers.shutdownNow();
    }

    @Test
    void exactlyOneWinsAFreeKey() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(race("free-" + UUID.randomUUID())).as("round %d", round)
                    .containsOnlyOnce(Outcome.ACQUIRED)
                    .filteredOn(outcome -> outcome != Outcome.ACQUIRED).containsOnly(Outcome.HELD_BY_ANOTHER);
        }
    }

    @Test
    void exactlyOneWinsAKeyWhoseLeaseRanOut() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "expired-" + UUID.randomUUID();
            newLock().tryAcquire(key, Duration.ofMinutes(1)).join();
            clock.advance(Duration.ofMinutes(1));

            assertThat(race(key)).as("round %d", round).containsOnlyOnce(Outcome.ACQUIRED);
        }
    }

    /** Every consumer tries for {@code key} once, all released at the same moment; their outcomes. */
    private List<Outcome> race(String key) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LockAttempt>> attempts = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            DynamoDbMessageLock lock = newLock();
            attempts.add(consumers.submit(() -> {
                start.await();
                return lock.tryAcquire(key, Duration.ofMinutes(1)).join();
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<LockAttempt> attempt : attempts) {
            outcomes.add(attempt.get(30, TimeUnit.SECONDS).outcome());
        }
        return outcomes;
    }

    private DynamoDbMessageLock newLock() {
        return DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient()).tableName(TABLE).clock(clock).build();
    }
}
