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
 * Active-Active: every message is published to both regions and read from both; the exactly-once middleware lets
 * one copy through. An outage of one region needs no switch: publishes succeed through the other.
 */
class WhenEveryRegionIsActive {

    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions(PRIMARY, SECONDARY).withoutDynamoDb();

    static final Map<String, AtomicInteger> handledById = new ConcurrentHashMap<>();
    static final AtomicInteger deliveries = new AtomicInteger();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(SECONDARY).withFailoverStrategy(FailoverStrategy.ACTIVE_ACTIVE))
                .publications(p -> p.withTopic(OrderPlaced.class, t -> t.topic("active-active-orders")))
                .subscriptions(s -> s.forTopic(OrderPlaced.class,
                        t -> t.topic("active-active-orders").queue("active-active-billing")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                            handledById.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                            return HandleResult.success();
                        })
                        .withMiddleware((delivery, next) -> {
                            deliveries.incrementAndGet();
                            return next.handle(delivery);
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
    void eachMessageArrivesThroughBothRegionsAndIsHandledOnceEvenWhileOneIsDown() {
        publish("healthy", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.get() == 20);

        aws.get().region(PRIMARY).faults().outage();
        List<PublishResult> duringOutage = publish("outage", 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledById.size() == 20);
        aws.get().region(PRIMARY).faults().restore();

        assertThat(duringOutage).allSatisfy(result -> assertThat(result.region()).isEqualTo(SECONDARY));
        assertThat(handledById).hasSize(20).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
        assertThat(bus.interrogate().middleware()).anyMatch(layer -> layer.startsWith("exactly once"));
    }

    private static List<PublishResult> publish(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> bus.publisher().publish(new OrderPlaced(prefix + "-" + i, 1)).join())
                .toList();
    }
}
