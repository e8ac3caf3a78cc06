package dev.justsaying.dynamodb;

import dev.justsaying.handle.lock.Lease;
import dev.justsaying.handle.lock.LockAttempt;
import dev.justsaying.handle.lock.MessageLock;
import dev.justsaying.handle.lock.MessageLockException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A {@link dev.justsaying.handle.lock.MessageLock} in a DynamoDB table, shared by every consumer that uses the table:
 * the store behind exactly-once handling across processes and regions.
 *
 * <pre>{@code
 * DynamoDbMessageLock lock = DynamoDbMessageLock.builder(dynamoDb).tableName("orders-message-locks").build();
 * lock.createTableIfMissing().join();   // at start-up, or create the table with your infrastructure code
 * MessagingBus bus = MessagingBus.builder()
 *         .handlers(h -> h.handle(OrderPlaced.class, handler).withMiddleware(ExactlyOnceMiddleware.using(lock)))
 *         ...
 * }</pre>
 *
 * <p>One item per key: {@value #KEY} (the partition key, a string), {@value #STATE} ({@code HANDLING} or
 * {@code COMPLETED}), {@value #OWNER} (the token of the lease that wrote it), {@value #EXPIRES_AT} (epoch
 * milliseconds after which the item means nothing) and {@value #TTL} (the same in epoch seconds, for DynamoDB's TTL
 * to delete it some time later).
 * <ul>
 *   <li>acquire: a conditional {@code PutItem}, {@code attribute_not_exists(LockKey) OR ExpiresAt <= :now}; when the
 *       condition fails, the item that made it fail comes back with the error and says completed or held, and
 *       until when;</li>
 *   <li>mark completed: an {@code UpdateItem} that sets the state, whoever holds the key;</li>
 *   <li>release: a {@code DeleteItem} conditional on the lease's owner token and the state {@code HANDLING}.</li>
 * </ul>
 * A conditional write is strongly consistent within its table's region, so of many consumers racing for a key
 * exactly one acquires it. Two limits: lease expiry compares the clocks of the consumers (keep them synchronised;
 * a skew shortens or lengthens a lease by as much), and the table must be one table, not a global table replicated
 * asynchronously between regions, where two regions could each acquire the same key.
 */
public final class DynamoDbMessageLock implements MessageLock {

    /** The table's name unless told otherwise. */
    public static final String DEFAULT_TABLE_NAME = "justsaying-message-locks";

    static final String KEY = "LockKey";
    static final String STATE = "State";
    static final String OWNER = "Owner";
    static final String EXPIRES_AT = "ExpiresAt";
    static final String TTL = "Ttl";

    private static final Logger log = LoggerFactory.getLogger(DynamoDbMessageLock.class);
    private static final String HANDLING = "HANDLING";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbAsyncClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    private DynamoDbMessageLock(Builder builder) {
        this.dynamoDb = builder.dynamoDb;
        this.tableName = builder.tableName;
        this.clock = builder.clock;
    }

    /** A lock on {@code dynamoDb} (any region's client works; the table lives in one region). */
    public static Builder builder(DynamoDbAsyncClient dynamoDb) {
        return new Builder(dynamoDb);
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Creates the table (on-demand capacity, {@value #KEY} as its partition key) unless it exists, waits until it
     * is active, and turns its TTL on for {@value #TTL} unless TTL is on already. Fails if a table of that name
     * exists with another key. A TTL someone set on another attribute is left as it is, with a warning.
     */
    public CompletableFuture<Void> createTableIfMissing() {
        return new MessageLockTable(dynamoDb, tableName).createIfMissing();
    }

    @Override
    public CompletableFuture<LockAttempt> tryAcquire(String key, Duration duration) {
        Objects.requireNonNull(key, "key");
        requirePositive(duration, "a lock duration");
        Instant now = clock.instant();
        Lease lease = Lease.newLeaseOn(key);
        return dynamoDb.putItem(put -> put.tableName(tableName)
                        .item(item(lease, HANDLING, now.plus(duration)))
                        .conditionExpression("attribute_not_exists(#key) OR #expiresAt <= :now")
                        .expressionAttributeNames(Map.of("#key", KEY, "#expiresAt", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", millis(now)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .handle((acquired, error) -> {
                    if (error == null) {
                        return LockAttempt.acquired(lease);
                    }
                    if (unwrap(error) instanceof ConditionalCheckFailedException taken) {
                        return whatHolds(key, taken.item(), now);
                    }
                    throw new CompletionException(unwrap(error));
                });
    }

    /** The attempt's answer from the item that made the conditional put fail. */
    private static LockAttempt whatHolds(String key, Map<String, AttributeValue> taken, Instant now) {
        if (taken == null || !taken.containsKey(STATE) || !taken.containsKey(EXPIRES_AT)) {
            throw new MessageLockException("DynamoDB refused lock key " + key + " without the item in the way");
        }
        if (COMPLETED.equals(taken.get(STATE).s())) {
            return LockAttempt.alreadyCompleted();
        }
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(taken.get(EXPIRES_AT).n()));
        return LockAttempt.heldByAnother(Duration.between(now, expiresAt));
    }

    @Override
    public CompletableFuture<Void> markCompleted(Lease lease, Duration keepFor) {
        Objects.requireNonNull(lease, "lease");
        requirePositive(keepFor, "the time to remember a completed key");
        Instant expiresAt = clock.instant().plus(keepFor);
        return dynamoDb.updateItem(update -> update.tableName(tableName)
                        .key(Map.of(KEY, AttributeValue.fromS(lease.key())))
                        .updateExpression("SET #state = :completed, #owner = :owner, #expiresAt = :expiresAt, #ttl = :ttl")
                        .expressionAttributeNames(Map.of("#state", STATE, "#owner", OWNER, "#expiresAt", EXPIRES_AT,
                                "#ttl", TTL))
                        .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS(COMPLETED),
                                ":owner", AttributeValue.fromS(lease.owner()), ":expiresAt", millis(expiresAt),
                                ":ttl", epochSeconds(expiresAt))))
                .thenRun(() -> { });
    }

    @Override
    public CompletableFuture<Void> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return dynamoDb.deleteItem(delete -> delete.tableName(tableName)
                        .key(Map.of(KEY, AttributeValue.fromS(lease.key())))
                        .conditionExpression("#owner = :owner AND #state = :handling")
                        .expressionAttributeNames(Map.of("#owner", OWNER, "#state", STATE))
                        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(lease.owner()),
                                ":handling", AttributeValue.fromS(HANDLING))))
                .handle((deleted, error) -> {
                    if (error != null && !(unwrap(error) instanceof ConditionalCheckFailedException)) {
                        throw new CompletionException(unwrap(error));
                    }
                    if (error != null) {
                        log.debug("Lock key {} was not released: it is completed, or held by another lease now",
                                lease.key());
                    }
                    return null;
                });
    }

    private static Map<String, AttributeValue> item(Lease lease, String state, Instant expiresAt) {
        return Map.of(KEY, AttributeValue.fromS(lease.key()), STATE, AttributeValue.fromS(state),
                OWNER, AttributeValue.fromS(lease.owner()), EXPIRES_AT, millis(expiresAt), TTL, epochSeconds(expiresAt));
    }

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    /** Rounded up, so that DynamoDB never deletes an item before it expires. */
    private static AttributeValue epochSeconds(Instant instant) {
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        return AttributeValue.fromN(Long.toString(seconds));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " is positive, was " + duration);
        }
    }

    @Override
    public String toString() {
        return "DynamoDB message lock (table " + tableName + ")";
    }

    /** The table and the clock of a {@link DynamoDbMessageLock}. */
    public static final class Builder {
        private final DynamoDbAsyncClient dynamoDb;
        private String tableName = DEFAULT_TABLE_NAME;
        private Clock clock = Clock.systemUTC();

        private Builder(DynamoDbAsyncClient dynamoDb) {
            this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        }

        /** The table of the locks (default {@value DynamoDbMessageLock#DEFAULT_TABLE_NAME}). */
        public Builder tableName(String value) {
            Objects.requireNonNull(value, "tableName");
            if (!value.matches("[a-zA-Z0-9_.-]{3,255}")) {
                throw new IllegalArgumentException("'" + value + "' is not a DynamoDB table name");
            }
            this.tableName = value;
            return this;
        }

        /** The clock leases are measured by (default: the system's, UTC); for tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public DynamoDbMessageLock build() {
            return new DynamoDbMessageLock(this);
        }
    }
}
