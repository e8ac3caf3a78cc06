package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Carries out status-change commands, up to ten per call: each command to 'Processing'; one
 * {@code UPDATE … WHERE id = ANY(?)} per target status for the whole batch; an SMS per restaurant (unless the
 * command says not to notify, and never twice: see {@link TextOnce}); the command to 'Succeeded';
 * then a {@link RestaurantStatusChanged} event. A command whose SMS fails, or that names a restaurant the database
 * does not have, is tried again later; the database failing fails the batch. The DynamoDB writes, the SMS and the event publishes of a batch run concurrently (the
 * SMS and writes on one pool shared by all batches, sized by {@code restaurant-status.worker.parallelism}): a
 * batch takes about one SMS's time, not ten. Commands arriving from the error queue (their receives ran out) are marked 'Failed'
 * with the reason the bus recorded.
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
        this.texts = new TextOnce(sms, commands);
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
        Map<String, HandleResult> failures = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        List<Pending> succeeded = new ArrayList<>();
        List<CompletableFuture<Optional<Command>>> attempts = messages.stream()
                .map(received -> CompletableFuture.supplyAsync(() -> timed("state", () -> commands.startAttempt(
                        received.message().commandId(), received.context().receiveCount())), io))
                .toList();
        for (int i = 0; i < messages.size(); i++) {
            ReceivedMessage<ChangeRestaurantStatus> received = messages.get(i);
            await(attempts.get(i)).ifPresentOrElse(
                    command -> {
                        Pending each = new Pending(received.context().messageId(), command);
                        if (command.state() == CommandState.Processing) {
                            pending.add(each);
                        } else if (command.state() == CommandState.Succeeded) {
                            succeeded.add(each);   // an earlier try may have stopped before its event
                        }
                    },
                    () -> log.warn("Command {} is not in the command store (expired?): dropped",
                            received.message().commandId()));
        }
        Map<Long, Restaurant> updated;
        try {
            updated = timed("sql", () -> changeStatuses(pending));
        } catch (RuntimeException e) {
            pending.forEach(each -> commands.recordTryFailed(each.command().id(), HandleResult.describe(e)));
            pending.forEach(each -> started.stop(meters.timer(COMMAND_TIMER, "outcome", RETRIED)));
            throw e;
        }
        List<CompletableFuture<Boolean>> carriedOut = pending.stream()
                .map(each -> carryOut(each.command(), updated))
                .toList();
        for (int i = 0; i < pending.size(); i++) {
            Pending each = pending.get(i);
            try {
                if (await(carriedOut.get(i))) {
                    succeeded.add(each);
                }
            } catch (RuntimeException e) {
                String reason = HandleResult.describe(e);
                log.warn("Command {} failed this time: {}", each.command().id(), reason);
                commands.recordTryFailed(each.command().id(), reason);
                failures.put(each.messageId(), HandleResult.failure(e));
            }
        }
        List<CompletableFuture<Optional<HandleResult>>> events = succeeded.stream()
                .map(each -> publishChanged(each.command()))
                .toList();
        for (int i = 0; i < succeeded.size(); i++) {
            String messageId = succeeded.get(i).messageId();
            await(events.get(i)).ifPresent(failure -> failures.put(messageId, failure));
        }
        Stream.concat(pending.stream(), succeeded.stream()).map(Pending::messageId).distinct().forEach(messageId ->
                started.stop(meters.timer(COMMAND_TIMER, "outcome",
                        failures.containsKey(messageId) ? RETRIED : SUCCEEDED)));
        return BatchResult.withFailures(failures);
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
    private Map<Long, Restaurant> changeStatuses(List<Pending> pending) {
        Map<RestaurantStatus, Set<Long>> idsByStatus = new LinkedHashMap<>();
        Map<Long, Restaurant> updated = new HashMap<>();
        for (Pending each : pending) {
            if (sqlMode == SqlMode.PER_COMMAND) {
                restaurants.changeStatus(each.command().restaurantIds(), each.command().status())
                        .forEach(row -> updated.put(row.id(), row));
            } else {
                idsByStatus.computeIfAbsent(each.command().status(), status -> new LinkedHashSet<>())
                        .addAll(each.command().restaurantIds());
            }
        }
        idsByStatus.forEach((status, ids) ->
                restaurants.changeStatus(ids, status).forEach(row -> updated.put(row.id(), row)));
        return updated;
    }

    /**
     * Texts the command's restaurants (all at once, on the shared pool), then marks it 'Succeeded'; completes with
     * whether this try moved it there, or with the first SMS failure once every text of the command has ended.
     */
    private CompletableFuture<Boolean> carryOut(Command command, Map<Long, Restaurant> updated) {
        List<Long> missing = command.restaurantIds().stream().filter(id -> !updated.containsKey(id)).toList();
        if (!missing.isEmpty()) {   // it can never succeed: its receives run out, then it is 'Failed' with this
            return CompletableFuture.failedFuture(new IllegalStateException("no restaurant with id " + missing));
        }
        return textRestaurants(command, updated).thenApplyAsync(texted -> {
            boolean marked = timed("state", () -> commands.markSucceeded(command.id()));
            if (marked) {
                meters.timer(LIFECYCLE_TIMER).record(Duration.between(command.createdAt(), clock.instant()));
            }
            return marked;
        }, io);
    }

    /** Records the intent to text the restaurants still due (before any text), then texts them all at once. */
    private CompletableFuture<Void> textRestaurants(Command command, Map<Long, Restaurant> updated) {
        if (!command.notifyRestaurants()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Restaurant> due = command.restaurantIds().stream().distinct().filter(id -> !command.texted().contains(id))
                .map(updated::get).filter(Objects::nonNull).toList();
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> texts.intend(command, due), io)
                .thenCompose(intended -> CompletableFuture.allOf(due.stream()
                        .map(restaurant -> CompletableFuture.runAsync(
                                () -> timed("sms", () -> texts.text(command, restaurant)), io))
                        .toArray(CompletableFuture[]::new)));
    }

    /**
     * Publishes the command's event (timed from the call to its answer); a failure leaves the message to come back,
     * and the command (already 'Succeeded', so nothing is done twice) publishes it then: events are published at
     * least once.
     */
    private CompletableFuture<Optional<HandleResult>> publishChanged(Command command) {
        Timer.Sample publishing = Timer.start(meters);
        CompletableFuture<PublishResult> published;
        try {
            published = publisher.publish(new RestaurantStatusChanged(command.id(), command.restaurantIds(),
                    command.status(), command.reason(), clock.instant()));
        } catch (RuntimeException e) {
            published = CompletableFuture.failedFuture(e);
        }
        return published
                .thenApply(answer -> Optional.<HandleResult>empty())
                .orTimeout(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    Throwable cause = unwrap(error);
                    log.warn("Command {} succeeded; its RestaurantStatusChanged event is not published yet: {}",
                            command.id(), HandleResult.describe(cause));
                    return Optional.of(HandleResult.failure(cause));
                })
                .whenComplete((outcome, error) -> publishing.stop(meters.timer(STAGE_TIMER, "stage", "event")));
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

    private record Pending(String messageId, Command command) { }
}
