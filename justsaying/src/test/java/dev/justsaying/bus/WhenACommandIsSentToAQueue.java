package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderCancelled;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.BatchPublishResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Point-to-point: two command types on one queue, dispatched by type, and batch publishing. */
class WhenACommandIsSentToAQueue {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Set<String> placed = ConcurrentHashMap.newKeySet();
    static final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    static final Set<String> stamped = ConcurrentHashMap.newKeySet();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("order-commands"))
                        .withQueue(OrderCancelled.class, q -> q.queue("order-commands"))
                        .withMiddleware((message, next) -> next.publish(message.withOptions(
                                message.options().toBuilder().attribute("Stamped-By", "middleware").build()))))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("order-commands"))
                        .forQueue(OrderCancelled.class, q -> q.queue("order-commands")))
                .handlers(h -> h
                        .handle(PlaceOrder.class, (command, context) -> {
                            context.stringAttribute("Stamped-By").ifPresent(stamp -> stamped.add(command.orderId()));
                            placed.add(command.orderId());
                            return HandleResult.success();
                        })
                        .handle(OrderCancelled.class, (event, context) -> {
                            cancelled.add(event.orderId());
                            return HandleResult.success();
                        }))
                .build();
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void eachTypeReachesItsOwnHandler() {
        bus.publisher().publish(new PlaceOrder("p-1")).join();
        bus.publisher().publish(new OrderCancelled("c-1")).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> placed.contains("p-1") && cancelled.contains("c-1"));
        assertThat(placed).doesNotContain("c-1");
        assertThat(cancelled).doesNotContain("p-1");
    }

    @Test
    void aBatchOfAnySizeIsPublishedInTensAndAllArrive() {
        List<PlaceOrder> commands = IntStream.range(0, 25).mapToObj(i -> new PlaceOrder("batch-" + i)).toList();

        BatchPublishResult result = bus.publisher().publishBatch(commands).join();

        assertThat(result.allPublished()).isTrue();
        assertThat(result.published()).hasSize(25);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> commands.stream().allMatch(command -> placed.contains(command.orderId())));
        assertThat(stamped).as("publish middleware ran for each batch entry")
                .containsAll(commands.stream().map(PlaceOrder::orderId).toList());
    }

    @Test
    void publishMiddlewareShapesEverySingleMessage() {
        bus.publisher().publish(new PlaceOrder("stamped-1")).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> stamped.contains("stamped-1"));
    }
}
