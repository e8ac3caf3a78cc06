package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.lock.ExactlyOnceMiddleware;
import dev.justsaying.handle.lock.InMemoryMessageLock;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.region.FailoverPolicy;
import dev.justsaying.region.FailoverStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Active-Passive Subscriber: every message is published to both regions, but only the active region's queue is
 * read. When the primary goes down the subscriber moves to the failover region, where the copies of messages it
 * already handled wait and are skipped; when the primary recovers it moves back.
 */
class WhenOnlyTheActiveRegionIsRead {

    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";
    static final String QUEUE = "passive-subscriber-billing";

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions(PRIMARY, SECONDARY).withoutDynamoDb();

    static final Map<String, AtomicInteger> handledById = new ConcurrentHashMap<>();
    static final Map<String, String> regionById = new ConcurrentHashMap<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(SECONDARY)
                        .withFailoverStrategy(FailoverStrategy.ACTIVE_PASSIVE_SUBSCRIBER)
                        .withAutomaticFailover(FailoverPolicy.builder().failuresBeforeFailover(2)
                                .probesBeforeFailback(2).probeInterval(Duration.ofMillis(200))
                                .minimumTimeAway(Duration.ofSeconds(1)).build()))
                .publications(p -> p.withTopic(OrderPlaced.class, t -> t.topic("passive-subscriber-orders")))
                .subscriptions(s -> s.forTopic(OrderPlaced.class,
                        t -> t.topic("passive-subscriber-orders").queue(QUEUE)))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                            handledById.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                            regionById.put(order.orderId(), context.region());
                            return HandleResult.success();
                        })
                        .withMiddleware(ExactlyOnceMiddleware.using(new InMemoryMessageLock())))
                .build();
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void theSubscriberFollowsTheActiveRegionAndHandlesEachMessageOnce() {
        publish("before", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledById.size() == 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> depth(SECONDARY) == 10);

        aws.get().region(PRIMARY).faults().outage();
        List<PublishResult> duringOutage = publish("during", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledById.size() == 20);
        await("the copies already handled are skipped and deleted").atMost(Duration.ofSeconds(30))
                .until(() -> depth(SECONDARY) == 0);
        aws.get().region(PRIMARY).faults().restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.interrogate().activeRegion().equals(PRIMARY));
        publish("after", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledById.size() == 30);

        assertThat(duringOutage).allSatisfy(result -> assertThat(result.region()).isEqualTo(SECONDARY));
        assertThat(handledById).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
        assertThat(regionById).allSatisfy((id, region) ->
                assertThat(region).as(id).isEqualTo(id.startsWith("during") ? SECONDARY : PRIMARY));
        await("the passive region keeps its copies").atMost(Duration.ofSeconds(30))
                .until(() -> depth(SECONDARY) == 10);
    }

    private static int depth(String region) {
        return TestBus.depth(aws.get().region(region).sqsClient(), QUEUE);
    }

    private static List<PublishResult> publish(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> bus.publisher().publish(new OrderPlaced(prefix + "-" + i, 1)).join())
                .toList();
    }
}
