package dev.justsaying.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justbehave.MutableClock;
import dev.justsaying.handle.lock.Lease;
import dev.justsaying.handle.lock.LockAttempt.Outcome;
import dev.justsaying.handle.lock.LockAttempt;
import dev.justsaying.localaws.LocalAwsExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The lock's contract against DynamoDB Local, with a clock the tests move on instead of waiting. */
class WhenKeysAreLockedInDynamoDb {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1");

    private static final String TABLE = "message-locks";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration A_DAY = Duration.ofDays(1);

    private final MutableClock clock = MutableClock.atNow();
    private final String key = "dev.example.ChargeCustomer:" + UUID.randomUUID();
    private DynamoDbMessageLock lock;

    @BeforeAll
    static void createTable() {
        DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient()).tableName(TABLE).build().createTableIfMissing().join();
    }

    @BeforeEach
    void lockOnTheTable() {
        lock = DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient()).tableName(TABLE).clock(clock).build();
    }

    @Test
    void aFreeKeyIsAcquired() {
        LockAttempt attempt = tryAcquire();

        assertThat(attempt.outcome()).isEqualTo(Outcome.ACQUIRED);
        assertThat(attempt.lease()).hasValueSatisfying(lease -> assertThat(lease.key()).isEqualTo(key));
    }

    @Test
    void aHeldKeyIsNotAcquiredAgainAndSaysHowLongItIsHeld() {
        tryAcquire();
        clock.advance(Duration.ofMinutes(2));

        LockAttempt second = tryAcquire();

        assertThat(second.outcome()).isEqualTo(Outcome.HELD_BY_ANOTHER);
        assertThat(second.heldFor()).contains(Duration.ofMinutes(3));
    }

    @Test
    void aKeyWhoseLeaseRanOutIsAcquiredByTheNext() {
        tryAcquire();
        clock.advance(FIVE_MINUTES);

        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aCompletedKeySaysSoUntilItIsForgotten() {
        lock.markCompleted(leaseOf(tryAcquire()), A_DAY).join();
        clock.advance(A_DAY.minusSeconds(1));
        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aReleasedKeyIsAcquiredAtOnce() {
        lock.release(leaseOf(tryAcquire())).join();

        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ACQUIRED);
    }

    @Test
    void aLeaseThatRanOutCannotReleaseTheKeyFromItsNextHolder() {
        Lease stale = leaseOf(tryAcquire());
        clock.advance(FIVE_MINUTES);
        tryAcquire();

        lock.release(stale).join();

        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.HELD_BY_ANOTHER);
    }

    @Test
    void aCompletedKeyIsNotReleased() {
        Lease lease = leaseOf(tryAcquire());
        lock.markCompleted(lease, A_DAY).join();

        lock.release(lease).join();

        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void aCompletionRecordedAfterTheLeaseRanOutStillCounts() {
        Lease slow = leaseOf(tryAcquire());
        clock.advance(FIVE_MINUTES);
        tryAcquire();

        lock.markCompleted(slow, A_DAY).join();

        assertThat(tryAcquire().outcome()).isEqualTo(Outcome.ALREADY_COMPLETED);
    }

    @Test
    void everyItemCarriesItsExpiryInEpochSecondsForDynamoDbsTtl() {
        clock.advance(Duration.ofMillis(1));
        Lease lease = leaseOf(tryAcquire());
        long heldUntil = clock.instant().plus(FIVE_MINUTES).getEpochSecond() + 1;
        assertThat(item()).containsEntry("Ttl", AttributeValue.fromN(Long.toString(heldUntil)))
                .containsEntry("State", AttributeValue.fromS("HANDLING"));

        lock.markCompleted(lease, A_DAY).join();

        long completedUntil = clock.instant().plus(A_DAY).getEpochSecond() + 1;
        assertThat(item()).containsEntry("Ttl", AttributeValue.fromN(Long.toString(completedUntil)))
                .containsEntry("State", AttributeValue.fromS("COMPLETED"));
    }

    @Test
    void whenDynamoDbIsDownTheAttemptFailsInsteadOfGuessing() {
        aws.get().dynamoDbFaults().outage();

        assertThatThrownBy(this::tryAcquire).isInstanceOf(CompletionException.class);
    }

    private LockAttempt tryAcquire() {
        return lock.tryAcquire(key, FIVE_MINUTES).join();
    }

    private Map<String, AttributeValue> item() {
        return aws.get().dynamoDbClient().getItem(get -> get.tableName(TABLE).consistentRead(true)
                .key(Map.of("LockKey", AttributeValue.fromS(key)))).item();
    }

    private static Lease leaseOf(LockAttempt attempt) {
        return attempt.lease().orElseThrow();
    }
}
