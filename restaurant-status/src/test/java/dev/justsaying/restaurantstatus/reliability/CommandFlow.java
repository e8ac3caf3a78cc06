package dev.justsaying.restaurantstatus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.local.TwilioStub;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reliability tests' common run: restaurants of their own (one command each, a reason that names it, so each
 * text says which command sent it), the commands sent through the API with a bounded number in flight by a client
 * that retries, and the tally of what became of them — read from the command table, the restaurants table and the
 * Twilio stub's log.
 */
final class CommandFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATUS = "CLOSED";
    /** How long a client waits before sending a request again that got no answer or a 5xx. */
    private static final Duration CLIENT_BACKOFF = Duration.ofMillis(250);
    /** How long a client keeps sending a request again. */
    private static final Duration CLIENT_PATIENCE = Duration.ofMinutes(3);
    private static final Executor RETRY_LATER =
            CompletableFuture.delayedExecutor(CLIENT_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);

    private final JdbcTemplate jdbc;
    private final long first;
    private final int count;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    private CommandFlow(JdbcTemplate jdbc, long first, int count) {
        this.jdbc = jdbc;
        this.first = first;
        this.count = count;
    }

    /** Adds {@code count} open restaurants from id {@code first}, each with a phone number of its own. */
    static CommandFlow withRestaurants(JdbcTemplate jdbc, long first, int count) {
        jdbc.update("INSERT INTO restaurants (id, name, phone, status) SELECT g, 'Reliability ' || g, "
                + "'+44' || (7700000000 + g), 'OPEN' FROM generate_series(?::bigint, ?::bigint) AS g",
                first, first + count - 1);
        return new CommandFlow(jdbc, first, count);
    }

    static String phone(long restaurant) {
        return "+44" + (7_700_000_000L + restaurant);
    }

    /** The request body of this restaurant's command (its reason names the restaurant). */
    static String body(long restaurant) {
        return "{\"status\":\"" + STATUS + "\",\"reason\":\"reliability run, restaurant " + restaurant + "\"}";
    }

    /** The key of this restaurant's request, the same every time it is sent. */
    static String idempotencyKey(long restaurant) {
        return "reliability-" + restaurant;
    }

    /**
     * Sends one command per restaurant to the API that {@code api} names at the time of each request, at most
     * {@code inFlight} at once, each with an {@code Idempotency-Key} of its own. Like a careful client, a request
     * that gets no answer (a killed API) or a 5xx is sent again, the same key, after {@link #CLIENT_BACKOFF}, for up
     * to {@link #CLIENT_PATIENCE}; returns which were accepted (202) and how many never were.
     */
    Submitted submit(Supplier<URI> api, int inFlight) {
        Semaphore slots = new Semaphore(inFlight);
        Map<Long, String> accepted = new ConcurrentHashMap<>();
        AtomicInteger notAccepted = new AtomicInteger();
        long giveUpAt = System.nanoTime() + CLIENT_PATIENCE.toNanos();
        for (long restaurant = first; restaurant < first + count; restaurant++) {
            slots.acquireUninterruptibly();
            long id = restaurant;
            sendUntilAnswered(api, id, giveUpAt).whenComplete((commandId, failure) -> {
                if (commandId != null) {
                    accepted.put(id, commandId);
                } else {
                    notAccepted.incrementAndGet();
                }
                answered.incrementAndGet();
                slots.release();
            });
        }
        slots.acquireUninterruptibly(inFlight);
        return new Submitted(Map.copyOf(accepted), notAccepted.get(), retried.get());
    }

    /** Requests answered for good so far (accepted, refused, or given up on). */
    int answered() {
        return answered.get();
    }

    /** The command id once accepted; null if refused (4xx) or given up on. */
    private CompletableFuture<String> sendUntilAnswered(Supplier<URI> api, long restaurant, long giveUpAt) {
        HttpRequest request = HttpRequest.newBuilder(api.get().resolve("/restaurants/" + restaurant + "/status"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + RunningService.API_KEY)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey(restaurant))
                .PUT(HttpRequest.BodyPublishers.ofString(body(restaurant)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure == null && response.statusCode() == 202) {
                        return CompletableFuture.completedFuture(commandId(response.body()));
                    }
                    boolean worthRetrying = failure != null || response.statusCode() >= 500;
                    if (worthRetrying && System.nanoTime() < giveUpAt) {
                        retried.incrementAndGet();
                        return CompletableFuture.supplyAsync(() -> null, RETRY_LATER)
                                .thenCompose(ignored -> sendUntilAnswered(api, restaurant, giveUpAt));
                    }
                    return CompletableFuture.<String>completedFuture(null);
                })
                .thenCompose(next -> next);
    }

    /**
     * Waits (up to {@code atMost}) until every recorded command is final and every accepted one is recorded, then
     * tallies what became of them; a run that never settles is tallied as it stands (the figures show what is stuck).
     */
    Tally settle(Submitted submitted, DynamoDbClient dynamo, String table, TwilioStub twilio, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(2))
                    .until(() -> states(dynamo, table), states -> settled(submitted, states));
        } catch (ConditionTimeoutException unsettled) {
            // tallied below as it stands
        }
        Map<String, CommandState> states = states(dynamo, table);
        Map<CommandState, Long> byState = new EnumMap<>(CommandState.class);
        states.values().forEach(state -> byState.merge(state, 1L, Long::sum));
        long lost = submitted.accepted().values().stream().filter(id -> !states.containsKey(id)).count();

        Map<List<String>, Long> texts = twilio.acceptedMessages().stream()
                .collect(Collectors.groupingBy(message -> List.of(message.to(), message.body()), Collectors.counting()));
        long duplicated = texts.values().stream().mapToLong(n -> n - 1).sum();
        Map<String, Long> textsPerPhone = texts.keySet().stream()
                .collect(Collectors.groupingBy(key -> key.get(0), Collectors.counting()));
        long untexted = submitted.accepted().keySet().stream()
                .filter(restaurant -> !textsPerPhone.containsKey(phone(restaurant))).count();
        Long unchanged = jdbc.queryForObject("SELECT count(*) FROM restaurants WHERE id = ANY(?) AND status <> ?",
                Long.class, submitted.accepted().keySet().toArray(Long[]::new), STATUS);
        return new Tally(count, submitted.accepted().size(), submitted.notAccepted(), states.size(), lost,
                byState.getOrDefault(CommandState.Queued, 0L) + byState.getOrDefault(CommandState.Processing, 0L),
                byState.getOrDefault(CommandState.Failed, 0L), duplicated, untexted, unchanged == null ? -1 : unchanged,
                twilio.messageLogReads());
    }

    private static boolean settled(Submitted submitted, Map<String, CommandState> states) {
        return states.values().stream().allMatch(CommandFlow::isFinal)
                && submitted.accepted().values().stream().allMatch(states::containsKey);
    }

    private static boolean isFinal(CommandState state) {
        return state == CommandState.Succeeded || state == CommandState.Failed;
    }

    /** Every command's state, by id (a paginated scan of the table). */
    private static Map<String, CommandState> states(DynamoDbClient dynamo, String table) {
        Map<String, CommandState> states = new HashMap<>();
        dynamo.scanPaginator(r -> r.tableName(table).projectionExpression("commandId, #state")
                        .expressionAttributeNames(Map.of("#state", "state")))
                .items().forEach(item -> states.put(item.get("commandId").s(),
                        CommandState.valueOf(item.getOrDefault("state", AttributeValue.fromS("Queued")).s())));
        return states;
    }

    private static String commandId(String body) {
        try {
            return JSON.readTree(body).get("commandId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the API answered: the accepted commands by restaurant, how many requests were never accepted, and how
     * many times a request was sent again (by this flow so far).
     */
    record Submitted(Map<Long, String> accepted, int notAccepted, int retried) { }

    /**
     * What became of a run.
     *
     * @param lost          accepted (202) but not in the command table
     * @param stuck         recorded and still 'Queued' or 'Processing'
     * @param duplicatedSms texts the stub accepted more than once for the same command and restaurant
     * @param untexted      accepted commands whose restaurant got no text
     * @param rowsUnchanged accepted commands whose restaurant row does not hold the commanded status
     * @param logReads      reads of Twilio's message log (a Worker checking a text whose outcome it did not know)
     */
    record Tally(int requested, int accepted, int notAccepted, int recorded, long lost, long stuck, long failed,
                 long duplicatedSms, long untexted, long rowsUnchanged, long logReads) {

        /** Nothing lost, stuck or failed; every row changed; every restaurant texted, and once. */
        void assertEachCommandCarriedOutOnce() {
            assertThat(lost).as("lost").isZero();
            assertThat(stuck).as("stuck in Queued or Processing").isZero();
            assertThat(failed).as("failed").isZero();
            assertThat(rowsUnchanged).as("rows without their change").isZero();
            assertThat(untexted).as("restaurants never texted").isZero();
            assertThat(duplicatedSms).as("texts sent twice").isZero();
        }

        /** The figures, one line, for the README. */
        String figures(String run, Duration took) {
            return String.format("RELIABILITY %s: commands=%d accepted=%d notAccepted=%d recorded=%d lost=%d "
                            + "stuck=%d failed=%d duplicatedSms=%d untexted=%d rowsUnchanged=%d twilioLogReads=%d "
                            + "time=%.1fs", run, requested, accepted, notAccepted, recorded, lost, stuck, failed,
                    duplicatedSms, untexted, rowsUnchanged, logReads, took.toMillis() / 1000.0);
        }
    }
}
