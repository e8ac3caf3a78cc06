package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.OnApiRole;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts status changes: checks them, records the command ('Queued') and sends it to the queue — nothing else. If the
 * send fails, the record is removed again and the caller gets a 503: nothing is accepted and then lost. Once sent, the
 * command leaves the outbox off the request's path ({@link SentMarker}); if the process dies before that, the
 * {@link StrandedCommandSweeper} sends the message (again) later, and the Worker handles it once.
 *
 * <p>Why the marks are written in transactions (issue 7): DynamoDB Local runs every call on one thread, so a request's
 * cost there is its number of calls, and one {@code UpdateItem} per sent mark made it two. Measured by
 * {@code bench OutboxMarkCost} (8 recording threads, one marker, a loaded machine): one mark at a time took 13.5 ms a
 * call and reached 74 of 622 recordings a second, so the marker falls behind and requests write their own (two calls
 * each); transactions drained about 10 waiting marks per call (23 ms) and kept up with 435-449 recordings a second: 1.1
 * calls per command. The batch grows with the load, so the share of a call per command shrinks just when DynamoDB is
 * busiest; it stops at 25, not DynamoDB's 100, because a transaction holds DynamoDB Local's one write lock for all its
 * items and the recordings queue behind it (on a starved machine some {@code PutItem}s timed out waiting for that
 * lock): 25 bounds that wait at the cost of at most 1.04 calls per command. Not marking at all (the Worker's start
 * clears the outbox too) would save that share but let the sweeper send again every command merely waiting in a queue
 * longer than {@code restaurant-status.sweeper.after}: duplicates growing with the backlog, exactly when the queue is
 * already behind.
 */
@OnApiRole
@Service
public class CommandService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    /** Sent marks waiting for the marker thread; beyond that a request writes its own. */
    private static final int MARKS_WAITING = 10_000;
    /** The most sent marks written in one call (see the class comment for why not DynamoDB's limit of 100). */
    private static final int MARKS_PER_CALL = 25;
    /** Restaurant ids the existence check remembers at most. */
    private static final int KNOWN_RESTAURANTS = 100_000;

    private final CommandStore commands;
    private final KnownRestaurants restaurants;
    private final MessagePublisher publisher;
    private final ServiceProperties properties;
    private final Clock clock;
    private final Semaphore inFlight;
    private final SentMarker sentMarker;

    public CommandService(CommandStore commands, RestaurantRepository restaurants, MessagePublisher publisher,
                          ServiceProperties properties, Clock clock) {
        this.commands = commands;
        this.restaurants = new KnownRestaurants(restaurants, properties.knownRestaurantTtl(), KNOWN_RESTAURANTS,
                clock);
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.inFlight = new Semaphore(properties.maxRequestsInFlight());
        this.sentMarker = new SentMarker(commands, MARKS_PER_CALL, MARKS_WAITING);
    }

    /**
     * Queues a change of these restaurants to {@code status}. With an idempotency key, a request made again returns
     * the command of the first one, queued once; the same key with a different request is refused (422). With
     * {@code restaurant-status.max-requests-in-flight} requests already in progress, it is refused at once (503 with
     * {@code Retry-After}): under overload the API answers quickly and holds bounded memory instead of queueing work.
     */
    public Command submit(List<Long> restaurantIds, RestaurantStatus status, String reason, boolean notify,
                          String idempotencyKey) {
        if (!inFlight.tryAcquire()) {
            throw ProblemException.unavailable("The API is at its limit of " + properties.maxRequestsInFlight()
                    + " requests in progress; nothing was accepted", properties.retryAfter(), null);
        }
        try {
            return accept(restaurantIds, status, reason, notify, idempotencyKey);
        } finally {
            inFlight.release();
        }
    }

    private Command accept(List<Long> restaurantIds, RestaurantStatus status, String reason, boolean notify,
                           String idempotencyKey) {
        check(restaurantIds, status, idempotencyKey);
        Command command = Command.queued(commandId(idempotencyKey), restaurantIds, status, reason, notify,
                clock.instant());
        Command existing = commands.createUnlessPresent(command).orElse(null);
        if (existing != null) {
            if (!existing.sameRequestAs(command)) {
                throw ProblemException.of(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                        "this Idempotency-Key was used for a different request (command " + existing.id() + ")");
            }
            return existing;
        }
        try {
            send(command);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            forget(command);
            throw ProblemException.unavailable("The command could not be queued; nothing was accepted",
                    properties.retryAfter(), e);
        }
        sentMarker.sent(command.id());
        return command;
    }

    /** Sends the command's message to the queue, waiting for the queue to take it. */
    void send(Command command) throws Exception {
        publisher.publish(command.toMessage()).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check(List<Long> ids, RestaurantStatus status, String idempotencyKey) {
        if (status == null) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Missing status",
                    "status is required: one of " + List.of(RestaurantStatus.values()));
        }
        if (ids == null || ids.isEmpty()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "No restaurants", "restaurantIds names no restaurant");
        }
        if (ids.size() > properties.maxIdsPerCommand()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Too many restaurants",
                    "one command changes at most " + properties.maxIdsPerCommand() + " restaurants, this one "
                            + ids.size());
        }
        if (ids.stream().anyMatch(Objects::isNull) || new HashSet<>(ids).size() != ids.size()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Invalid restaurant ids",
                    "restaurantIds holds a null or the same id twice");
        }
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
                    "an Idempotency-Key has 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        Set<Long> missing = restaurants.missing(ids);
        if (!missing.isEmpty()) {
            throw ProblemException.of(HttpStatus.NOT_FOUND, "Unknown restaurant",
                    "no restaurant with id " + missing).with("missingIds", missing);
        }
    }

    private static String commandId(String idempotencyKey) {
        return idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("idempotency-key:" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /** Writes the sent marks still waiting, for up to a few seconds; those left are the sweeper's. */
    @Override
    public void close() throws InterruptedException {
        sentMarker.close();
    }

    private void forget(Command command) {
        try {
            commands.delete(command.id());
        } catch (RuntimeException e) {
            log.error("Command {} was not queued and its record could not be removed: it reads 'Queued' until it "
                    + "expires", command.id(), e);
        }
    }
}
