package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderCancelled;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.BatchPublishResult;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.testing.TestBus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Async handlers, delivery delays, partial batch failures and the messages-per-second limit. */
class WhenHandlersAndPublishesUseTheirOptions {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Map<String, Instant> placedAt = new ConcurrentHashMap<>();
    static final List<Instant> cancelledAt = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("async-orders"))
                        .withQueue(OrderCancelled.class, q -> q.queue("rate-limited")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("async-orders"))
                        .forQueue(OrderCancelled.class, q -> q.queue("rate-limited").group("slow"))
                        .withSubscriptionGroup("slow", g -> g.messagesPerSecond(2)))
                .handlers(h -> h
                        .handleAsync(PlaceOrder.class, (command, context) -> CompletableFuture.supplyAsync(() -> {
                            placedAt.put(command.orderId(), Instant.now());
                            return HandleResult.success();
                        }))
                        .handle(OrderCancelled.class, (event, context) -> {
                            cancelledAt.add(Instant.now());
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
    void anAsyncHandlersStageDecidesTheOutcome() {
        bus.publisher().publish(new PlaceOrder("async-1")).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> placedAt.containsKey("async-1"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "async-orders") == 0);
    }

    @Test
    void aDelayedMessageIsNotHandledBeforeItsDelay() {
        Instant sent = Instant.now();
        bus.publisher().publish(new PlaceOrder("delayed-1"),
                PublishOptions.builder().delay(Duration.ofSeconds(2)).build()).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> placedAt.containsKey("delayed-1"));
        assertThat(Duration.between(sent, placedAt.get("delayed-1"))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aBatchWithOneMessageTooLargeReportsItAndPublishesTheRest() {
        List<PlaceOrder> commands = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            commands.add(new PlaceOrder(i == 5 ? incompressible(400 * 1024) : "fits-" + i));
        }

        BatchPublishResult result = bus.publisher().publishBatch(commands).join();

        assertThat(result.published()).hasSize(11).doesNotContainKey(5);
        assertThat(result.failed()).containsOnlyKeys(5);
        assertThat(result.failed().get(5)).contains("over the limit of 262144 bytes");
        await().atMost(Duration.ofSeconds(20)).until(() -> placedAt.keySet().stream()
                .filter(id -> id.startsWith("fits-")).count() == 11);
    }

    /** Random letters: even gzip and base64 leave them over the 256 KiB limit at this length. */
    private static String incompressible(int length) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }

    @Test
    void aRateLimitedGroupTakesNoMoreThanItsRate() {
        Instant start = Instant.now();
        bus.publisher().publishBatch(List.of(new OrderCancelled("1"), new OrderCancelled("2"), new OrderCancelled("3"),
                new OrderCancelled("4"), new OrderCancelled("5"), new OrderCancelled("6"))).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> cancelledAt.size() == 6);
        // a bucket of 2 tokens refilled at 2/s: 6 messages cannot all be taken in less than 2 seconds
        assertThat(Duration.between(start, cancelledAt.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }
}
