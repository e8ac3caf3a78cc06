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
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.region.ActiveRegion;
import dev.justsaying.region.FailoverPolicy;
import dev.justsaying.region.FailoverStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Active-Passive Subscriber that never publishes learns of an outage from its failed receives alone, and moves to
 * the failover region; the messages come from another service's bus that publishes to every region.
 */
class WhenASubscriberOnlyReadsTheActiveRegionAndItGoesDown {

    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";
    static final String TOPIC = "subscriber-only-orders";

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions(PRIMARY, SECONDARY).withoutDynamoDb();

    static final Map<String, String> regionById = new ConcurrentHashMap<>();
    static final List<String> switchCauses = new CopyOnWriteArrayList<>();
    static MessagingBus publisher;
    static MessagingBus subscriber;

    @BeforeAll
    static void startBuses() {
        publisher = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(SECONDARY).withFailoverStrategy(FailoverStrategy.ACTIVE_ACTIVE))
                .publications(p -> p.withTopic(OrderPlaced.class, t -> t.topic(TOPIC)))
                .build();
        subscriber = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(SECONDARY)
                        .withFailoverStrategy(FailoverStrategy.ACTIVE_PASSIVE_SUBSCRIBER)
                        .withAutomaticFailover(FailoverPolicy.builder().failuresBeforeFailover(2)
                                .probesBeforeFailback(2).probeInterval(Duration.ofMillis(200))
                                .minimumTimeAway(Duration.ofSeconds(1)).build()))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.topic(TOPIC).queue("subscriber-only")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                            regionById.merge(order.orderId(), context.region(), (first, second) -> first + "," + second);
                            return HandleResult.success();
                        })
                        .withMiddleware(ExactlyOnceMiddleware.using(new InMemoryMessageLock())))
                .monitor(new MessageMonitor() {
                    @Override
                    public void activeRegionChanged(String from, String to, String cause) {
                        switchCauses.add(cause);
                    }
                })
                .build();
        subscriber.start().join();
        publisher.start().join();
    }

    @AfterAll
    static void stopBuses() {
        publisher.close();
        subscriber.close();
    }

    @Test
    void failedReceivesMoveItToTheFailoverRegionWhereEachMessageIsHandledOnce() {
        publish("before");
        await().atMost(Duration.ofSeconds(30)).until(() -> regionById.size() == 5);

        aws.get().region(PRIMARY).faults().outage();
        await().atMost(Duration.ofSeconds(30)).until(() -> switchCauses.contains(ActiveRegion.FAILOVER));
        publish("during");
        await().atMost(Duration.ofSeconds(30)).until(() -> regionById.size() == 10);

        assertThat(subscriber.interrogate().regionHealth()).containsEntry(PRIMARY, false);
        assertThat(regionById).allSatisfy((id, regions) ->
                assertThat(regions).as(id).isEqualTo(id.startsWith("during") ? SECONDARY : PRIMARY));
    }

    private static void publish(String prefix) {
        IntStream.range(0, 5).forEach(i -> publisher.publisher().publish(new OrderPlaced(prefix + "-" + i, 1)).join());
    }
}
