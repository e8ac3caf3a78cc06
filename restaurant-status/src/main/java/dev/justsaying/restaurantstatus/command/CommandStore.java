package dev.justsaying.restaurantstatus.command;

import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Commands in a DynamoDB table, one item per command id. Every state change is a conditional write, so a state
 * never moves backwards (a late 'Processing' cannot undo 'Succeeded'); items expire through the table's TTL.
 *
 * <p>A command is recorded with two more attributes, {@code unsentShard} and {@code unsentSince} (epoch
 * milliseconds), the keys of the sparse global secondary index {@value #UNSENT_INDEX}: they are removed once its
 * message is known to be on the queue (the API marks it sent, many in one call; the Worker's first write removes them
 * too), so the index holds only commands whose message may never have left — an outbox — and finding those waiting
 * too long (see {@code StrandedCommandSweeper}) is a query per shard, never a scan. The index keeps keys only (the few
 * stranded commands are read from the table), so recording a command costs little more than without it. The shards
 * ({@value #UNSENT_SHARDS}, by command id) spread the index's writes over several partitions.
 */
public final class CommandStore {

    private static final Logger log = LoggerFactory.getLogger(CommandStore.class);
    private static final String ID = "commandId";
    private static final String TTL = "expiresAt";
    private static final String SMS_INTENDED = "smsIntended";
    private static final String TEXTED = "texted";
    /** The sparse index of commands whose message is not known to be on the queue. */
    private static final String UNSENT_INDEX = "unsent";
    private static final int UNSENT_SHARDS = 4;
    private static final String UNSENT_SHARD = "unsentShard";
    private static final String UNSENT_SINCE = "unsentSince";
    /** The most keys one {@code BatchGetItem} call may ask for. */
    private static final int MAX_BATCH_GET = 100;
    /** The most writes one {@code TransactWriteItems} call may hold. */
    private static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    public CommandStore(DynamoDbClient dynamo, String table, Duration ttl, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Creates the table (with TTL on {@code expiresAt}, and the index {@value #UNSENT_INDEX}) unless it exists. */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(r -> r.tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName(ID).keyType(KeyType.HASH).build())
                    .attributeDefinitions(
                            attribute(ID, ScalarAttributeType.S),
                            attribute(UNSENT_SHARD, ScalarAttributeType.S),
                            attribute(UNSENT_SINCE, ScalarAttributeType.N))
                    .globalSecondaryIndexes(index -> index.indexName(UNSENT_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName(UNSENT_SHARD).keyType(KeyType.HASH)
                                            .build(),
                                    KeySchemaElement.builder().attributeName(UNSENT_SINCE).keyType(KeyType.RANGE)
                                            .build())
                            .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
            dynamo.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(s -> s.attributeName(TTL).enabled(true)));
            log.info("Created DynamoDB table {}", table);
        } catch (ResourceInUseException alreadyThere) {
            log.debug("DynamoDB table {} exists", table);
        }
    }

    public Optional<Command> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    /** Records a new command; if one with its id exists already, records nothing and returns that one. */
    public Optional<Command> createUnlessPresent(Command command) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(write(command))
                    .conditionExpression("attribute_not_exists(" + ID + ")"));
            return Optional.empty();
        } catch (ConditionalCheckFailedException exists) {
            return find(command.id());
        }
    }

    /** Records that the command's message is on the queue: it leaves the index of unsent commands. */
    public void markSent(String id) {
        Update sent = sentUpdate(id);
        try {
            dynamo.updateItem(r -> r.tableName(table).key(sent.key())
                    .updateExpression(sent.updateExpression())
                    .conditionExpression(sent.conditionExpression()));
        } catch (ConditionalCheckFailedException gone) {
            log.debug("Command {} is gone: nothing to mark sent", id);
        }
    }

    /**
     * {@link #markSent} for several commands at once: one {@code TransactWriteItems} per up to {@value
     * #MAX_TRANSACTION_ITEMS} of them, rather than a write each. Should a transaction be refused (one of its commands
     * gone, or written by a Worker's transaction at the same moment), each of its commands is marked on its own
     * instead.
     */
    public void markAllSent(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += MAX_TRANSACTION_ITEMS) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_TRANSACTION_ITEMS));
            if (chunk.size() == 1 || !transactMarkSent(chunk)) {
                chunk.forEach(this::markSent);
            }
        }
    }

    /** Marks these commands sent in one transaction; returns false if it was refused (then none is marked). */
    private boolean transactMarkSent(List<String> ids) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(ids.stream()
                    .map(id -> TransactWriteItem.builder().update(sentUpdate(id)).build())
                    .toList()));
            return true;
        } catch (TransactionCanceledException | TransactionConflictException goneOrRaced) {
            log.debug("Marking {} commands sent at once was refused ({}): one at a time", ids.size(),
                    goneOrRaced.getMessage());
            return false;
        }
    }

    /** The write that takes an existing command out of the index of unsent commands (a no-op if it has left). */
    private Update sentUpdate(String id) {
        return Update.builder().tableName(table).key(key(id))
                .updateExpression("REMOVE " + UNSENT_SHARD + ", " + UNSENT_SINCE)
                .conditionExpression("attribute_exists(" + ID + ")")
                .build();
    }

    /**
     * The commands recorded (or last re-queued) before {@code cutoff} whose message is not known to be on the queue
     * and that no Worker has started: a query of the sparse index per shard. The index is eventually consistent: a
     * command started or marked sent a moment ago may still be listed (see {@link #claimStranded}).
     */
    public List<Command> unsentBefore(Instant cutoff) {
        List<Command> stranded = new ArrayList<>();
        for (int shard = 0; shard < UNSENT_SHARDS; shard++) {
            String value = Integer.toString(shard);
            dynamo.queryPaginator(r -> r.tableName(table).indexName(UNSENT_INDEX)
                            .keyConditionExpression(UNSENT_SHARD + " = :shard AND " + UNSENT_SINCE + " < :cutoff")
                            .expressionAttributeValues(Map.of(":shard", s(value), ":cutoff", n(cutoff.toEpochMilli()))))
                    .items().forEach(key -> find(key.get(ID).s()).ifPresent(stranded::add));
        }
        return stranded;
    }

    /**
     * Claims a stranded command for re-queueing: succeeds only if it is still 'Queued', still unsent, and waiting
     * since before {@code cutoff}; its wait then starts again now. Of several processes sweeping at once, one claims
     * it.
     */
    public boolean claimStranded(String id, Instant cutoff) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id))
                    .updateExpression("SET " + UNSENT_SINCE + " = :now")
                    .conditionExpression("#state = :queued AND " + UNSENT_SINCE + " < :cutoff")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":now", n(now().toEpochMilli()), ":cutoff", n(cutoff.toEpochMilli()),
                            ":queued", s(CommandState.Queued.name()))));
            return true;
        } catch (ConditionalCheckFailedException startedOrClaimed) {
            return false;
        }
    }

    /** Forgets a command that never reached the queue, so that a retry of its request can queue it afresh. */
    public void delete(String id) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(id)));
    }

    /**
     * A try about to start: the receive it runs on, and the restaurants it may text. Those are recorded as intended
     * by the same write that starts the try, before any text: a later try that finds one intended but not recorded
     * as texted does not know whether its text went out (see the Worker's {@code TextOnce}).
     */
    public record Attempt(int number, Set<Long> textsIntended) {

        public Attempt {
            textsIntended = Set.copyOf(textsIntended);
        }
    }

    /**
     * Marks the command 'Processing' for this try (and records the texts it intends), unless it is final already;
     * returns the command as it now stands (final ones unchanged), or empty if there is no such command. Its {@code
     * smsIntended} are those of earlier tries: the restaurants whose text may have gone out unrecorded.
     */
    public Optional<Command> startAttempt(String id, Attempt attempt) {
        Instant now = now();
        Update start = startUpdate(id, attempt, now);
        try {
            return Optional.of(read(dynamo.updateItem(r -> r.tableName(table).key(start.key())
                    .updateExpression(start.updateExpression())
                    .conditionExpression(start.conditionExpression())
                    .expressionAttributeNames(start.expressionAttributeNames())
                    .expressionAttributeValues(start.expressionAttributeValues())
                    .returnValues("ALL_OLD")).attributes()).started(attempt.number(), now));
        } catch (ConditionalCheckFailedException finalOrMissing) {
            return find(id);
        }
    }

    /** The conditional write that moves a command that is not final to 'Processing' for this try. */
    private Update startUpdate(String id, Attempt attempt, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":processing", s(CommandState.Processing.name()),
                ":queued", s(CommandState.Queued.name()),
                ":attempt", n(attempt.number()),
                ":now", s(now.toString())));
        String update = "SET #state = :processing, attempts = :attempt, updatedAt = :now "
                + "REMOVE " + UNSENT_SHARD + ", " + UNSENT_SINCE;
        if (!attempt.textsIntended().isEmpty()) {
            values.put(":intended", numberSet(attempt.textsIntended()));
            update += " ADD " + SMS_INTENDED + " :intended";
        }
        return Update.builder().tableName(table).key(key(id))
                .updateExpression(update)
                .conditionExpression("attribute_exists(" + ID + ") AND #state IN (:queued, :processing)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values)
                .build();
    }

    /** The commands with these ids, by id, read consistently in {@code BatchGetItem} calls of up to 100. */
    private Map<String, Command> findAll(Collection<String> ids) {
        Map<String, Command> found = new HashMap<>();
        List<String> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += MAX_BATCH_GET) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(distinct.size(),
                    from + MAX_BATCH_GET)).stream().map(CommandStore::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get(ID).s(), read(item)));
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /**
     * {@link #startAttempt} for several commands at once, each with its try: one consistent
     * {@code BatchGetItem} and one {@code TransactWriteItems} for them all, rather than a write each. Should another
     * try finish one of them between the read and the write, the transaction is refused as a whole and each is
     * started on its own instead. Returns the commands as they now stand (as {@link #startAttempt} does), by id; ids
     * with no command are left out.
     */
    public Map<String, Command> startAttempts(Map<String, Attempt> attemptById) {
        if (attemptById.size() == 1) {
            Map.Entry<String, Attempt> only = attemptById.entrySet().iterator().next();
            return startAttempt(only.getKey(), only.getValue()).map(command -> Map.of(command.id(), command))
                    .orElse(Map.of());
        }
        Map<String, Command> found = findAll(attemptById.keySet());
        List<Command> startable = found.values().stream()
                .filter(command -> command.state() == CommandState.Queued
                        || command.state() == CommandState.Processing)
                .toList();
        if (startable.isEmpty()) {
            return found;
        }
        Instant now = now();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(startable.stream()
                    .map(command -> TransactWriteItem.builder().update(startUpdate(command.id(),
                            attemptById.get(command.id()), now)).build())
                    .toList()));
        } catch (TransactionCanceledException | TransactionConflictException raced) {
            log.debug("Starting {} commands at once was refused ({}): one at a time", startable.size(),
                    raced.getMessage());
            Map<String, Command> started = new HashMap<>();
            attemptById.forEach((id, attempt) -> startAttempt(id, attempt)
                    .ifPresent(command -> started.put(id, command)));
            return started;
        }
        Map<String, Command> started = new HashMap<>(found);
        startable.forEach(command -> started.put(command.id(),
                command.started(attemptById.get(command.id()).number(), now)));
        return started;
    }

    /**
     * Records why the latest try failed, and the restaurants it texted before it did; the command stays 'Processing'
     * and will be tried again. A command that is no longer 'Processing' (finished meanwhile by another try) is left
     * as it is.
     */
    public void recordTryFailed(String id, String detail, Set<Long> texted) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":detail", s(detail), ":now", s(now().toString()),
                ":processing", s(CommandState.Processing.name())));
        String update = "SET errorDetail = :detail, updatedAt = :now" + addTexted(texted, values);
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(id))
                    .updateExpression(update)
                    .conditionExpression("#state = :processing")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException noLongerProcessing) {
            log.debug("Command {} is no longer Processing: its failed try is not recorded", id);
        }
    }

    /**
     * Moves the command to 'Succeeded' unless it is final already, recording the restaurants this try texted;
     * returns whether it moved.
     */
    public boolean markSucceeded(String id, Set<Long> texted) {
        return finish(id, CommandState.Succeeded, null, texted);
    }

    /**
     * {@link #markSucceeded} for several commands at once (the restaurants each one's try texted, by id), in one
     * {@code TransactWriteItems}; should one of them be final already, the transaction is refused as a whole and
     * each is moved on its own instead. Returns the ids that moved.
     */
    public Set<String> markAllSucceeded(Map<String, Set<Long>> textedById) {
        if (textedById.size() > 1) {
            Instant now = now();
            try {
                dynamo.transactWriteItems(r -> r.transactItems(textedById.entrySet().stream()
                        .map(command -> TransactWriteItem.builder().update(finishUpdate(command.getKey(),
                                CommandState.Succeeded, null, command.getValue(), now)).build())
                        .toList()));
                return Set.copyOf(textedById.keySet());
            } catch (TransactionCanceledException | TransactionConflictException finalOrRaced) {
                log.debug("Finishing {} commands at once was refused ({}): one at a time", textedById.size(),
                        finalOrRaced.getMessage());
            }
        }
        return textedById.entrySet().stream().filter(command -> markSucceeded(command.getKey(), command.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Moves the command to 'Failed' with its reason unless it is final already; returns whether it moved. */
    public boolean markFailed(String id, String detail) {
        return finish(id, CommandState.Failed, detail, Set.of());
    }

    private boolean finish(String id, CommandState state, String detail, Set<Long> texted) {
        Update finish = finishUpdate(id, state, detail, texted, now());
        try {
            dynamo.updateItem(r -> r.tableName(table).key(finish.key())
                    .updateExpression(finish.updateExpression())
                    .conditionExpression(finish.conditionExpression())
                    .expressionAttributeNames(finish.expressionAttributeNames())
                    .expressionAttributeValues(finish.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException finalOrMissing) {
            return false;
        }
    }

    /**
     * The conditional write that moves a command that is not final to {@code state} (with why, if given), recording
     * the restaurants {@code texted}.
     */
    private Update finishUpdate(String id, CommandState state, String detail, Set<Long> texted, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":state", s(state.name()), ":now", s(now.toString()),
                ":succeeded", s(CommandState.Succeeded.name()), ":failed", s(CommandState.Failed.name())));
        String update = "SET #state = :state, updatedAt = :now";
        if (detail != null) {
            values.put(":detail", s(detail));
            update += ", errorDetail = :detail";
        } else {
            update += " REMOVE errorDetail";
        }
        return Update.builder().tableName(table).key(key(id))
                .updateExpression(update + addTexted(texted, values))
                .conditionExpression("attribute_exists(" + ID + ") AND NOT #state IN (:succeeded, :failed)")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values)
                .build();
    }

    /** The update clause that adds these restaurants to those texted (none: no clause), its value put in {@code values}. */
    private static String addTexted(Set<Long> texted, Map<String, AttributeValue> values) {
        if (texted.isEmpty()) {
            return "";
        }
        values.put(":texted", numberSet(texted));
        return " ADD " + TEXTED + " :texted";
    }

    private Instant now() {
        return clock.instant();
    }

    private Map<String, AttributeValue> write(Command command) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(command.id()));
        item.put("restaurantIds", AttributeValue.fromL(command.restaurantIds().stream().map(CommandStore::n).toList()));
        item.put("status", s(command.status().name()));
        if (command.reason() != null) {
            item.put("reason", s(command.reason()));
        }
        item.put("notify", AttributeValue.fromBool(command.notifyRestaurants()));
        item.put("state", s(command.state().name()));
        item.put("attempts", n(command.attempts()));
        item.put("createdAt", s(command.createdAt().toString()));
        item.put("updatedAt", s(command.updatedAt().toString()));
        item.put(TTL, n(command.createdAt().plus(ttl).getEpochSecond()));
        if (command.state() == CommandState.Queued) {   // unsent until marked so
            item.put(UNSENT_SHARD, s(Integer.toString(Math.floorMod(command.id().hashCode(), UNSENT_SHARDS))));
            item.put(UNSENT_SINCE, n(command.createdAt().toEpochMilli()));
        }
        return item;
    }

    private static Command read(Map<String, AttributeValue> item) {
        return new Command(
                item.get(ID).s(),
                item.get("restaurantIds").l().stream().map(value -> Long.parseLong(value.n())).toList(),
                RestaurantStatus.valueOf(item.get("status").s()),
                optional(item, "reason"),
                item.get("notify").bool(),
                CommandState.valueOf(item.get("state").s()),
                Integer.parseInt(item.get("attempts").n()),
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                optional(item, "errorDetail"),
                numbers(item, TEXTED),
                numbers(item, SMS_INTENDED));
    }

    private static Set<Long> numbers(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name)
                ? item.get(name).ns().stream().map(Long::parseLong).collect(Collectors.toSet())
                : Set.of();
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(ID, s(id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue numberSet(Set<Long> numbers) {
        return AttributeValue.fromNs(numbers.stream().map(String::valueOf).toList());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
