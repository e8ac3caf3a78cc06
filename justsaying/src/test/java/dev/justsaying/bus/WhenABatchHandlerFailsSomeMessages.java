package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.localaws.LocalAwsExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch handler acknowledges each message on its own: only the failed ones come back. */
class WhenABatchHandlerFailsSomeMessages {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Map<String, List<Integer>> receivesByOrder = new ConcurrentHashMap<>();
    static final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("batched")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("batched")))
                .handlers(h -> h.handleBatch(PlaceOrder.class, messages -> {
                    batchSizes.add(messages.size());
                    Map<String, HandleResult> failures = new HashMap<>();
                    for (ReceivedMessage<PlaceOrder> message : messages) {
                        String id = message.message().orderId();
                        receivesByOrder.computeIfAbsent(id, ignored -> new CopyOnWriteArrayList<>())
                                .add(message.context().receiveCount());
                        if (id.startsWith("odd") && message.context().receiveCount() == 1) {
                            failures.put(message.context().messageId(), HandleResult.failure("odd ones fail once"));
                        }
                    }
                    return BatchResult.withFailures(failures);
                }))
                .build();
        bus.start().join();
        List<PlaceOrder> commands = IntStream.range(0, 20)
                .mapToObj(i -> new PlaceOrder((i % 2 == 0 ? "even-" : "odd-") + i)).toList();
        bus.publisher().publishBatch(commands).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> receivesByOrder.size() == 20
                && receivesByOrder.entrySet().stream().filter(e -> e.getKey().startsWith("odd"))
                        .allMatch(e -> e.getValue().size() == 2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "batched") == 0);
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void theHandlerGetsSeveralMessagesAtOnce() {
        assertThat(batchSizes).anySatisfy(size -> assertThat(size).isGreaterThan(1));
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
    }

    @Test
    void theSucceededMessagesAreHandledOnce() {
        assertThat(receivesByOrder).allSatisfy((id, receives) -> {
            if (id.startsWith("even")) {
                assertThat(receives).containsExactly(1);
            }
        });
    }

    @Test
    void onlyTheFailedMessagesComeBack() {
        assertThat(receivesByOrder).allSatisfy((id, receives) -> {
            if (id.startsWith("odd")) {
                assertThat(receives).containsExactly(1, 2);
            }
        });
    }
}
