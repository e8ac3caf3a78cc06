package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.publish.MessagePublisher;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out status-change commands, up to ten per call: each command to 'Processing'; one
 * {@code UPDATE … WHERE id = ANY(?)} per target status for the whole batch; an SMS per restaurant (unless the
 * command says not to notify, and never twice: see {@link TextOnce}); the command to 'Succeeded'; then a {@link
 * RestaurantStatusChanged} event. A command whose SMS fails, or that names a restaurant the database does not have,
 * is tried again later; the database failing fails the batch. Commands arriving from the error queue (their receives
 * ran out) are marked 'Failed' with the reason the bus recorded.
 */
public final class StatusChangeWorker implements BatchMessageHandler<ChangeRestaurantStatus> {

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
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter failedCommands;

    public StatusChangeWorker(CommandStore commands, RestaurantRepository restaurants, SmsSender sms,
                              MessagePublisher publisher, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.restaurants = restaurants;
        this.texts = new TextOnce(sms, commands);
        this.publisher = publisher;
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
        for (ReceivedMessage<ChangeRestaurantStatus> received : messages) {
            ChangeRestaurantStatus message = received.message();
            timed("state", () -> commands.startAttempt(message.commandId(), received.context().receiveCount()))
                    .ifPresentOrElse(
                    command -> {
                        Pending each = new Pending(received.context().messageId(), command);
                        if (command.state() == CommandState.Processing) {
                            pending.add(each);
                        } else if (command.state() == CommandState.Succeeded) {
                            succeeded.add(each);   // an earlier try may have stopped before its event
                        }
                    },
                    () -> log.warn("Command {} is not in the command store (expired?): dropped", message.commandId()));
        }
        Map<Long, Restaurant> updated;
        try {
            updated = timed("sql", () -> changeStatuses(pending));
        } catch (RuntimeException e) {
            pending.forEach(each -> commands.recordTryFailed(each.command().id(), HandleResult.describe(e)));
            pending.forEach(each -> started.stop(meters.timer(COMMAND_TIMER, "outcome", RETRIED)));
            throw e;
        }
        for (Pending each : pending) {
            try {
                requireRestaurants(each.command(), updated);
                textRestaurants(each.command(), updated);
                if (timed("state", () -> commands.markSucceeded(each.command().id()))) {
                    meters.timer(LIFECYCLE_TIMER).record(Duration.between(each.command().createdAt(), clock.instant()));
                    succeeded.add(each);
                }
            } catch (RuntimeException e) {
                String reason = HandleResult.describe(e);
                log.warn("Command {} failed this time: {}", each.command().id(), reason);
                commands.recordTryFailed(each.command().id(), reason);
                failures.put(each.messageId(), HandleResult.failure(e));
            }
        }
        for (Pending each : succeeded) {
            timed("event", () -> publishChanged(each.command())).ifPresent(failure -> failures.put(each.messageId(), failure));
        }
        Stream.concat(pending.stream(), succeeded.stream()).map(Pending::messageId).distinct().forEach(messageId ->
                started.stop(meters.timer(COMMAND_TIMER, "outcome",
                        failures.containsKey(messageId) ? RETRIED : SUCCEEDED)));
        return BatchResult.withFailures(failures);
    }

    /** One statement per target status for the whole batch; the rows come back with their phone numbers. */
    private Map<Long, Restaurant> changeStatuses(List<Pending> pending) {
        Map<RestaurantStatus, Set<Long>> idsByStatus = new LinkedHashMap<>();
        for (Pending each : pending) {
            idsByStatus.computeIfAbsent(each.command().status(), status -> new LinkedHashSet<>())
                    .addAll(each.command().restaurantIds());
        }
        Map<Long, Restaurant> updated = new HashMap<>();
        idsByStatus.forEach((status, ids) ->
                restaurants.changeStatus(ids, status).forEach(row -> updated.put(row.id(), row)));
        return updated;
    }

    /**
     * A command naming a restaurant the database does not have fails its try, saying which; once its receives run
     * out it is marked 'Failed' with that reason (the rows it does name were changed; nobody is texted).
     */
    private static void requireRestaurants(Command command, Map<Long, Restaurant> updated) {
        List<Long> missing = command.restaurantIds().stream().filter(id -> !updated.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no restaurant with id " + missing);
        }
    }

    private void textRestaurants(Command command, Map<Long, Restaurant> updated) {
        if (!command.notifyRestaurants()) {
            return;
        }
        List<Restaurant> due = command.restaurantIds().stream().filter(id -> !command.texted().contains(id))
                .map(updated::get).filter(Objects::nonNull).toList();
        texts.intend(command, due);   // before any text: a later try then knows which may have gone unrecorded
        for (Restaurant restaurant : due) {
            timed("sms", () -> texts.text(command, restaurant));
        }
    }

    /**
     * Publishes the command's event; a failure leaves the message to come back, and the command (already
     * 'Succeeded', so nothing is done twice) publishes it then: events are published at least once.
     */
    private Optional<HandleResult> publishChanged(Command command) {
        try {
            publisher.publish(new RestaurantStatusChanged(command.id(), command.restaurantIds(), command.status(),
                    command.reason(), clock.instant())).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Command {} succeeded; its RestaurantStatusChanged event is not published yet: {}", command.id(),
                    HandleResult.describe(e));
            return Optional.of(HandleResult.failure(e));
        }
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

    private record Pending(String messageId, Command command) { }
}
