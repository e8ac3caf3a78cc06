package dev.justsaying.dynamodb;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the table of a {@link DynamoDbMessageLock} if it is missing and turns its TTL on; additive, like the
 * bus's own infrastructure: it never changes a table that exists beyond turning an absent TTL on.
 */
final class MessageLockTable {

    private static final Logger log = LoggerFactory.getLogger(MessageLockTable.class);
    private static final Duration CREATION_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CREATION_POLL = Duration.ofSeconds(1);

    private final DynamoDbAsyncClient dynamoDb;
    private final String name;

    MessageLockTable(DynamoDbAsyncClient dynamoDb, String name) {
        this.dynamoDb = dynamoDb;
        this.name = name;
    }

    CompletableFuture<Void> createIfMissing() {
        return dynamoDb.describeTable(describe -> describe.tableName(name))
                .thenApply(described -> requireLockKey(described.table()))
                .handle((table, error) -> {
                    if (error == null) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (unwrap(error) instanceof ResourceNotFoundException) {
                        return create();
                    }
                    return CompletableFuture.<Void>failedFuture(unwrap(error));
                })
                .thenCompose(created -> created)
                .thenCompose(ignored -> dynamoDb.waiter().waitUntilTableExists(describe -> describe.tableName(name),
                        wait -> wait.waitTimeout(CREATION_TIMEOUT).backoffStrategyV2(BackoffStrategy.fixedDelay(CREATION_POLL))))
                .thenCompose(ignored -> enableTimeToLive());
    }

    private CompletableFuture<Void> create() {
        log.info("Creating the message lock table {}", name);
        return dynamoDb.createTable(create -> create.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(definition -> definition.attributeName(DynamoDbMessageLock.KEY)
                                .attributeType(ScalarAttributeType.S))
                        .keySchema(key -> key.attributeName(DynamoDbMessageLock.KEY).keyType(KeyType.HASH)))
                .handle((created, error) -> {
                    if (error != null && !(unwrap(error) instanceof ResourceInUseException)) {
                        throw new CompletionException(unwrap(error));
                    }
                    return null;
                });
    }

    private CompletableFuture<Void> enableTimeToLive() {
        return dynamoDb.describeTimeToLive(describe -> describe.tableName(name)).thenCompose(described -> {
            TimeToLiveDescription ttl = described.timeToLiveDescription();
            TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
            if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                if (!DynamoDbMessageLock.TTL.equals(ttl.attributeName())) {
                    log.warn("The TTL of the message lock table {} is on {}, not {}: expired locks stay until deleted "
                            + "otherwise", name, ttl.attributeName(), DynamoDbMessageLock.TTL);
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            log.info("Turning TTL on for the message lock table {} ({})", name, DynamoDbMessageLock.TTL);
            return dynamoDb.updateTimeToLive(update -> update.tableName(name).timeToLiveSpecification(
                    specification -> specification.enabled(true).attributeName(DynamoDbMessageLock.TTL)))
                    .thenRun(() -> { });
        });
    }

    private TableDescription requireLockKey(TableDescription table) {
        boolean lockKeyed = table.keySchema().size() == 1 && table.keySchema().stream().allMatch(key ->
                key.keyType() == KeyType.HASH && DynamoDbMessageLock.KEY.equals(key.attributeName()));
        if (!lockKeyed) {
            throw new IllegalStateException("the table " + name + " exists with the key "
                    + table.keySchema().stream().map(KeySchemaElement::attributeName).toList()
                    + ", not " + DynamoDbMessageLock.KEY + ": it is not a message lock table");
        }
        return table;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
