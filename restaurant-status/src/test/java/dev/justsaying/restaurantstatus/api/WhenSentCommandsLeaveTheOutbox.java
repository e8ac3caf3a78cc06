package dev.justsaying.restaurantstatus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 7: the API takes commands whose message is on the queue out of the outbox in one DynamoDB call per batch,
 * and a batch that is refused (one of its commands gone) falls back to one write per command. The commands are
 * recorded as created tomorrow, so the running service's sweeper leaves them alone, through a store of the test's own
 * on the service's table whose client counts the calls it makes.
 */
@ExtendWith(RunningService.class)
class WhenSentCommandsLeaveTheOutbox {

    private static final Instant TOMORROW = Instant.now().plus(Duration.ofDays(1));

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private DynamoDbClient dynamo;
    private CommandStore commands;

    @BeforeEach
    void storeCountingItsCalls(RunningService service) {
        dynamo = DynamoDbClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(service.stack().aws().dynamoDbEndpoint())
                .credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                                name -> new AtomicInteger()).incrementAndGet();
                    }
                }))
                .build();
        ServiceProperties properties = service.bean(ServiceProperties.class);
        commands = new CommandStore(dynamo, properties.commandsTable(), properties.commandTtl(), Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Test
    void aHundredAndFiftyMarksAreTwoTransactionsAndEachCommandLeavesTheOutbox() {
        List<String> sent = recorded(150);
        assertThat(inOutbox(sent)).as("in the outbox before").containsExactlyInAnyOrderElementsOf(sent);
        calls.clear();

        commands.markAllSent(sent);

        assertThat(calls("TransactWriteItems")).as("transactions").isEqualTo(2);
        assertThat(calls("UpdateItem")).as("single marks").isZero();
        assertThat(inOutbox(sent)).as("in the outbox after").isEmpty();
        assertThat(sent).allSatisfy(id -> assertThat(commands.find(id)).get().extracting(Command::state)
                .isEqualTo(CommandState.Queued));
    }

    @Test
    void aBatchRefusedForACommandGoneFallsBackToOneMarkEach() {
        List<String> sent = recorded(3);
        String gone = sent.get(1);
        commands.delete(gone);
        calls.clear();

        commands.markAllSent(sent);

        assertThat(calls("TransactWriteItems")).as("transactions").isEqualTo(1);
        assertThat(calls("UpdateItem")).as("single marks").isEqualTo(3);
        assertThat(inOutbox(sent)).as("in the outbox after").isEmpty();
        assertThat(commands.find(gone)).as("the command gone").isEmpty();
        assertThat(commands.find(sent.get(0))).get().extracting(Command::state).isEqualTo(CommandState.Queued);
    }

    @Test
    void theMarkerTakesEverySentCommandOutOfTheOutboxAndMarksAtOnceOnceClosed() throws InterruptedException {
        List<String> sent = recorded(300);
        String afterClosing = recorded(1).get(0);
        SentMarker marker = new SentMarker(commands, 100, 1_000);
        try {
            sent.forEach(marker::sent);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(inOutbox(sent)).as("in the outbox").isEmpty());
        } finally {
            marker.close();
        }
        marker.sent(afterClosing);

        assertThat(inOutbox(List.of(afterClosing))).as("marked after closing").isEmpty();
    }

    private List<String> recorded(int count) {
        return IntStream.range(0, count).mapToObj(index -> {
            Command command = Command.queued(UUID.randomUUID().toString(), List.of(1L), RestaurantStatus.CLOSED,
                    "outbox test", false, TOMORROW);
            commands.createUnlessPresent(command);
            return command.id();
        }).toList();
    }

    /** Which of these commands the outbox (the index of unsent commands) holds. */
    private Set<String> inOutbox(List<String> ids) {
        Set<String> unsent = commands.unsentBefore(TOMORROW.plusSeconds(1)).stream().map(Command::id)
                .collect(Collectors.toSet());
        return ids.stream().filter(unsent::contains).collect(Collectors.toSet());
    }

    private int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }
}
