package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.region.FailoverPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Active-passive publishing with automatic failover: an outage of the primary loses no publish, publishing moves to
 * the failover region at once and comes back after the outage.
 */
class WhenThePrimaryRegionGoesDown {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1").withoutDynamoDb();

    static final Map<String, AtomicInteger> handledById = new ConcurrentHashMap<>();
    static final Map<String, String> regionById = new ConcurrentHashMap<>();
    static final List<String> switches = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion("eu-central-1").withAutomaticFailover(FailoverPolicy.builder()
                        .failuresBeforeFailover(2).probesBeforeFailback(2).probeInterval(Duration.ofMillis(200))
                        .minimumTimeAway(Duration.ofSeconds(1)).build()))
                .publications(p -> p.withTopic(OrderPlaced.class))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("orders-everywhere")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                    handledById.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                    regionById.put(order.orderId(), context.region());
                    return HandleResult.success();
                }))
                .monitor(new MessageMonitor() {
                    @Override
                    public void activeRegionChanged(String from, String to, String cause) {
                        switches.add(from + " → " + to);
                    }
                })
                .build();
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void noPublishFailsAndEveryMessageIsHandledOnceThroughTheRegionItWasPublishedIn() {
        List<PublishResult> before = publish("before", 10);
        aws.get().region("eu-west-1").faults().outage();
        List<PublishResult> during = publish("during", 20);
        aws.get().region("eu-west-1").faults().restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.interrogate().activeRegion().equals("eu-west-1"));
        List<PublishResult> after = publish("after", 10);

        assertThat(before).allSatisfy(result -> assertThat(result.region()).isEqualTo("eu-west-1"));
        assertThat(during).allSatisfy(result -> assertThat(result.region()).isEqualTo("eu-central-1"));
        assertThat(after).allSatisfy(result -> assertThat(result.region()).isEqualTo("eu-west-1"));
        assertThat(switches).containsExactly("eu-west-1 → eu-central-1", "eu-central-1 → eu-west-1");

        await().atMost(Duration.ofSeconds(30)).until(() -> handledById.size() == 40);
        // At least once: a message whose delete was cut off by the outage comes back. Only those published before
        // the outage can be in flight when it starts; the exactly-once message lock removes such duplicates.
        assertThat(handledById).allSatisfy((id, count) -> {
            if (!id.startsWith("before")) {
                assertThat(count.get()).as(id).isEqualTo(1);
            }
        });
        assertThat(regionById).allSatisfy((id, region) ->
                assertThat(region).isEqualTo(id.startsWith("during") ? "eu-central-1" : "eu-west-1"));
    }

    private static List<PublishResult> publish(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> bus.publisher().publish(new OrderPlaced(prefix + "-" + i, 1)).join())
                .toList();
    }
}
