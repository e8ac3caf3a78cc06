package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.publish.BatchPublishResult;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.command.CommandStore.Attempt;
import dev.justsaying.restaurantstatus.messaging.ChangeRestaurantStatus;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.messaging.RestaurantStatusChanged;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import dev.justsaying.restaurantstatus.restaurant.RestaurantRepository;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out status-change commands, up to ten per call: the commands to 'Processing' (one read and one transaction
 * for the batch, which also records the texts each try intends); one {@code UPDATE … WHERE id = ANY(?)} per target
 * status for the whole batch; an SMS per restaurant (unless the command says not to notify, and never twice: see
 * {@link TextOnce}); the commands to 'Succeeded' with the restaurants texted (one transaction); then a
 * {@link RestaurantStatusChanged} event per command, in one batch publish. In {@link SqlMode#PER_COMMAND} mode, the
 * article's baseline, each command does all of this on its own. A command whose SMS fails, or that names a restaurant
 * the database does not have, is tried again later; the database failing fails the batch. The DynamoDB writes, the SMS
 * and the event publishes of a batch run concurrently (the SMS and writes on one pool shared by all batches, sized by
 * {@code restaurant-status.worker.parallelism}): a batch takes about one SMS's time, not ten. Commands arriving from
 * the error queue (their receives ran out) are marked 'Failed' with the reason the bus recorded.
 */
public final class StatusChangeWorker implements BatchMessageHandler<ChangeRestaurantStatus>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusChangeWorker.class);
    private static final String ERROR_REASON_ATTRIBUTE = "JustSaying.ErrorReason";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    /** Per-stage timings of the Worker, tagged {@code stage}: state, sql, sms, event. */
    public static final String STAGE_TIMER = "restaurant.status.worker.stage";
    /**
     * One try of one command, from its batch's start to its outcome in this try, tagged {@code outcome}:
     * {@value #SUCCEEDED} or {@value #RETRIED} (it failed this time and its message comes back).
     */
    public static final String COMMAND_TIMER = "restaurant.status.worker.command";
    /** Commands marked 'Failed' for good (their receives ran out and they reached the error queue). */
    public static final String FAILED_COUNTER = "restaurant.status.worker.failed.commands";
    /** A command's life from 'Queued' (its {@code createdAt}) to 'Succeeded', recorded when it is marked so. */
    public static final String LIFECYCLE_TIMER = "restaurant.status.command.lifecycle";
    private static final String SUCCEEDED = "succeeded";
    private static final String RETRIED = "retried";

    private final CommandStore commands;
    private final RestaurantRepository restaurants;
    private final TextOnce texts;
    private final MessagePublisher publisher;
    private final SqlMode sqlMode;
    private final ExecutorService io;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter failedCommands;

    /** Starts the pool of {@code settings.parallelism()} threads the SMS and the DynamoDB writes run on. */
    public StatusChangeWorker(CommandStore commands, RestaurantRepository restaurants, SmsSender sms,
                              MessagePublisher publisher, ServiceProperties.Worker settings, Clock clock,
                              MeterRegistry meters) {
        this.commands = commands;
        this.restaurants = restaurants;
        this.texts = new TextOnce(sms);
        this.publisher = publisher;
        this.sqlMode = settings.sqlMode();
        this.io = Executors.newFixedThreadPool(settings.parallelism(), ioThreads());
        this.clock = clock;
        this.meters = meters;
        this.failedCommands = meters.counter(FAILED_COUNTER);   // shown at 0 from the start, not after a failure
    }

    @Override
    public BatchResult handle(List<ReceivedMessage<ChangeRestaurantStatus>> messages) throws Exception {
        if (messages.get(0).context().queueName().endsWith(MessagingConfiguration.ERROR_QUEUE_SUFFIX)) {
            messages.forEach(this::markFailed);
            return BatchResult.allSucceeded();
        }
        Timer.Sample started = Timer.start(meters);
        Map<String, List<String>> messageIdsByCommand = new LinkedHashMap<>();   // a command sent twice is tried once
        Map<String, Attempt> attemptById = new LinkedHashMap<>();
        for (ReceivedMessage<ChangeRestaurantStatus> received : messages) {
            ChangeRestaurantStatus message = received.message();
            String id = message.commandId();
            messageIdsByCommand.computeIfAbsent(id, first -> new ArrayList<>()).add(received.context().messageId());
            Attempt attempt = new Attempt(received.context().receiveCount(),
                    message.notifyRestaurants() ? Set.copyOf(message.restaurantIds()) : Set.of());
            attemptById.merge(id, attempt, (one, other) -> one.number() >= other.number() ? one : other);
        }
        Map<String, Command> standing = startAttempts(attemptById);
        List<Command> pending = new ArrayList<>();
        List<Command> succeeded = new ArrayList<>();
        messageIdsByCommand.keySet().forEach(id -> {
            Command command = standing.get(id);
            if (command == null) {
                log.warn("Command {} is not in the command store (expired?): dropped", id);
            } else if (command.state() == CommandState.Processing) {
                pending.add(command);
            } else if (command.state() == CommandState.Succeeded) {
                succeeded.add(command);   // an earlier try may have stopped before its event
            }
        });
        Map<Long, Restaurant> updated;
        try {
            updated = timed("sql", () -> changeStatuses(pending));
        } catch (RuntimeException e) {
            pending.forEach(command -> commands.recordTryFailed(command.id(), HandleResult.describe(e), Set.of()));
            pending.forEach(command -> messageIdsByCommand.get(command.id())
                    .forEach(messageId -> started.stop(meters.timer(COMMAND_TIMER, "outcome", RETRIED))));
            throw e;
        }
        Map<String, HandleResult> failures = new HashMap<>();   // by command id
        List<CompletableFuture<Tried>> tries = chunks(pending).stream().map(chunk -> carryOut(chunk, updated)).toList();
        for (CompletableFuture<Tried> each : tries) {
            Tried tried = await(each);
            pending.stream().filter(command -> tried.moved().contains(command.id())).forEach(succeeded::add);
            tried.failed().forEach((id, error) -> {
                String reason = HandleResult.describe(error);
                log.warn("Command {} failed this time: {}", id, reason);
                commands.recordTryFailed(id, reason, tried.texted().get(id));
                failures.put(id, HandleResult.failure(error));
            });
        }
        List<CompletableFuture<Map<String, HandleResult>>> events = chunks(succeeded).stream()
                .map(this::publishChanged).toList();
        events.forEach(each -> failures.putAll(await(each)));
        Stream.concat(pending.stream(), succeeded.stream()).map(Command::id).distinct().forEach(id -> {
            Timer outcome = meters.timer(COMMAND_TIMER, "outcome", failures.containsKey(id) ? RETRIED : SUCCEEDED);
            messageIdsByCommand.get(id).forEach(messageId -> started.stop(outcome));
        });
        Map<String, HandleResult> failedMessages = new HashMap<>();
        failures.forEach((id, failure) -> messageIdsByCommand.get(id)
                .forEach(messageId -> failedMessages.put(messageId, failure)));
        return BatchResult.withFailures(failedMessages);
    }

    /** Stops the pool of SMS and state writes; batches still running fail and their messages come back. */
    @Override
    public void close() {
        io.shutdown();
    }

    /**
     * The database work: in {@link SqlMode#BATCHED} mode one statement per target status for the whole batch, in
     * {@link SqlMode#PER_COMMAND} mode one per command; the rows come back with their phone numbers.
     */
    private Map<Long, Restaurant> changeStatuses(List<Command> pending) {
        Map<RestaurantStatus, Set<Long>> idsByStatus = new LinkedHashMap<>();
        Map<Long, Restaurant> updated = new HashMap<>();
        for (Command command : pending) {
            if (sqlMode == SqlMode.PER_COMMAND) {
                restaurants.changeStatus(command.restaurantIds(), command.status())
                        .forEach(row -> updated.put(row.id(), row));
            } else {
                idsByStatus.computeIfAbsent(command.status(), status -> new LinkedHashSet<>())
                        .addAll(command.restaurantIds());
            }
        }
        idsByStatus.forEach((status, ids) ->
                restaurants.changeStatus(ids, status).forEach(row -> updated.put(row.id(), row)));
        return updated;
    }

    /**
     * Moves the commands to 'Processing' (see {@link #chunks}: together, or one by one), concurrently on the pool;
     * the commands as they now stand, by id.
     */
    private Map<String, Command> startAttempts(Map<String, Attempt> attemptById) {
        List<CompletableFuture<Map<String, Command>>> starts = chunks(List.copyOf(attemptById.keySet())).stream()
                .map(ids -> {
                    Map<String, Attempt> chunk = new LinkedHashMap<>();
                    ids.forEach(id -> chunk.put(id, attemptById.get(id)));
                    return CompletableFuture.supplyAsync(() -> timed("state", () -> commands.startAttempts(chunk)),
                            io);
                })
                .toList();
        Map<String, Command> standing = new HashMap<>();
        starts.forEach(start -> standing.putAll(await(start)));
        return standing;
    }

    /**
     * Texts the commands' restaurants (all at once, on the shared pool), then marks those whose texts all went out
     * 'Succeeded' with the restaurants they texted, in one write; completes with the commands this try moved there,
     * those that failed (the first SMS failure of each, once every text of the chunk has ended) and what each texted.
     */
    private CompletableFuture<Tried> carryOut(List<Command> chunk, Map<Long, Restaurant> updated) {
        Map<String, Set<Long>> textedById = new LinkedHashMap<>();
        Map<Command, CompletableFuture<Void>> texting = new LinkedHashMap<>();
        chunk.forEach(command -> {
            Set<Long> texted = ConcurrentHashMap.newKeySet();
            textedById.put(command.id(), texted);
            texting.put(command, textRestaurants(command, updated, texted));
        });
        return CompletableFuture.allOf(texting.values().toArray(CompletableFuture[]::new))
                .handle((allTexted, firstError) -> null)
                .thenApplyAsync(textsEnded -> {
                    Map<String, Throwable> failed = new LinkedHashMap<>();
                    Map<String, Set<Long>> ready = new LinkedHashMap<>();
                    texting.forEach((command, texts) -> {
                        Throwable error = texts.handle((texted, thrown) -> thrown).join();   // ended already
                        if (error == null) {
                            ready.put(command.id(), textedById.get(command.id()));
                        } else {
                            failed.put(command.id(), unwrap(error));
                        }
                    });
                    Set<String> moved;
                    try {
                        moved = ready.isEmpty() ? Set.of() : timed("state", () -> commands.markAllSucceeded(ready));
                    } catch (RuntimeException e) {
                        ready.keySet().forEach(id -> failed.put(id, e));
                        return new Tried(Set.of(), failed, textedById);
                    }
                    chunk.stream().filter(command -> moved.contains(command.id())).forEach(command ->
                            meters.timer(LIFECYCLE_TIMER).record(Duration.between(command.createdAt(), clock.instant())));
                    return new Tried(moved, failed, textedById);
                }, io);
    }

    /**
     * Texts the command's restaurants unless it says not to, adding each one texted to {@code texted}, or fails at
     * once if one of them is not in the database (it can never succeed: its receives run out, then it is 'Failed'
     * with this).
     */
    private CompletableFuture<Void> textRestaurants(Command command, Map<Long, Restaurant> updated, Set<Long> texted) {
        List<Long> missing = command.restaurantIds().stream().filter(id -> !updated.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no restaurant with id " + missing));
        }
        if (!command.notifyRestaurants()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(command.restaurantIds().stream().distinct()
                .filter(id -> !command.texted().contains(id))
                .map(updated::get)
                .map(restaurant -> CompletableFuture.runAsync(() -> {
                    timed("sms", () -> texts.text(command, restaurant));
                    texted.add(restaurant.id());
                }, io))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Publishes the commands' events in one batch call (timed from the call to its answer); an event not published
     * leaves its command's message to come back, and the command (already 'Succeeded', so nothing is done twice)
     * publishes it then: events are published at least once. Completes with the failures, by command id.
     */
    private CompletableFuture<Map<String, HandleResult>> publishChanged(List<Command> chunk) {
        Timer.Sample publishing = Timer.start(meters);
        List<RestaurantStatusChanged> events = chunk.stream().map(command -> new RestaurantStatusChanged(command.id(),
                command.restaurantIds(), command.status(), command.reason(), clock.instant())).toList();
        CompletableFuture<BatchPublishResult> published;
        try {
            published = publisher.publishBatch(events);
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        return published
                .thenApply(answer -> {
                    Map<String, HandleResult> failures = new HashMap<>();
                    answer.failed().forEach((index, reason) ->
                            failures.put(chunk.get(index).id(), HandleResult.failure(reason)));
                    return failures;
                })
                .orTimeout(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    HandleResult failure = HandleResult.failure(unwrap(error));
                    Map<String, HandleResult> failures = new HashMap<>();
                    chunk.forEach(command -> failures.put(command.id(), failure));
                    return failures;
                })
                .whenComplete((failures, error) -> {
                    failures.forEach((id, failure) -> log.warn(
                            "Command {} succeeded; its RestaurantStatusChanged event is not published yet: {}",
                            id, failure.reason().orElse("")));
                    publishing.stop(meters.timer(STAGE_TIMER, "stage", "event"));
                });
    }

    /**
     * The commands the Worker writes together: in {@link SqlMode#BATCHED} mode the whole batch (one state write,
     * one event publish for them all), in {@link SqlMode#PER_COMMAND} mode, the baseline, each on its own.
     */
    private <T> List<List<T>> chunks(List<T> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        return sqlMode == SqlMode.BATCHED ? List.of(items) : items.stream().map(List::of).toList();
    }

    private void markFailed(ReceivedMessage<ChangeRestaurantStatus> received) {
        String reason = received.context().stringAttribute(ERROR_REASON_ATTRIBUTE)
                .orElse("its receives ran out");
        if (commands.markFailed(received.message().commandId(), reason)) {
            failedCommands.increment();
            log.warn("Command {} failed for good: {}", received.message().commandId(), reason);
        }
    }

    private <T> T timed(String stage, Supplier<T> work) {
        return meters.timer(STAGE_TIMER, "stage", stage).record(work);
    }

    private static ThreadFactory ioThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "restaurant-status-worker-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waits for work on the pool and gives back what it threw, unwrapped, as the handler's own code would. */
    private static <T> T await(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * A chunk's try: the commands it moved to 'Succeeded', why the others failed, and the restaurants it texted,
     * by command id.
     */
    private record Tried(Set<String> moved, Map<String, Throwable> failed, Map<String, Set<Long>> texted) { }
}
