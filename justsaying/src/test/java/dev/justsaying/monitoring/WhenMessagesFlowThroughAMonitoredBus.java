package dev.justsaying.monitoring;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.Messages.PlaceOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three orders handled and one that keeps failing, through a real bus on the local cloud, as the meters see them. */
class WhenMessagesFlowThroughAMonitoredBus {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final String QUEUE = "monitored-orders";
    static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static MessagingBus bus;

    @BeforeAll
    static void sendOrdersThrough() {
        QueueSettings twoReceives = QueueSettings.builder().maxReceiveCount(2).build();
        bus = TestBus.on(aws.get())
                .monitor(new MicrometerMessageMonitor(registry))
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue(QUEUE).settings(twoReceives)))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue(QUEUE).settings(twoReceives)))
                .handlers(h -> h.handle(PlaceOrder.class, (order, context) -> order.orderId().startsWith("doomed")
                        ? HandleResult.failure("the warehouse is closed") : HandleResult.success()))
                .build();
        bus.start().join();
        Stream.of("o-1", "o-2", "o-3", "doomed-1").forEach(id -> bus.publisher().publish(new PlaceOrder(id)).join());
        await().atMost(Duration.ofSeconds(30)).until(() -> handled("success") == 3
                && count(registry.find("justsaying.error.queue").tag("queue", QUEUE)) == 1);
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void eachHandledMessageIsTimedAsASuccessOfItsTypeQueueAndRegion() {
        assertThat(handled("success")).isEqualTo(3);
    }

    @Test
    void eachFailedTryIsTimedAsAFailure() {
        assertThat(handled("failure")).isEqualTo(2);
    }

    @Test
    void eachPublishIsTimedWithItsDestination() {
        Timer publishes = registry.get("justsaying.publish")
                .tags("type", "PlaceOrder", "region", "eu-west-1", "outcome", "success").timer();
        assertThat(publishes.count()).isEqualTo(4);
        assertThat(publishes.getId().getTag("destination")).endsWith("/" + QUEUE);
    }

    @Test
    void everyReceiveIsCountedWithTheMessagesItBrought() {
        assertThat(count(registry.find("justsaying.received.messages").tags("queue", QUEUE, "region", "eu-west-1")))
                .as("three orders received once, the doomed one twice").isEqualTo(5);
        assertThat(registry.get("justsaying.receive").tags("queue", QUEUE, "region", "eu-west-1").timer().count())
                .isPositive();
    }

    @Test
    void theMessageThatRanOutOfReceivesIsCountedAtTheErrorQueue() {
        assertThat(registry.get("justsaying.error.queue").tags("type", "PlaceOrder", "queue", QUEUE,
                "region", "eu-west-1").counter().count()).isEqualTo(1);
    }

    @Test
    void everyTryOfAMessageRecordsItsAgeWhenItsHandlerStarts() {
        Timer ages = registry.get("justsaying.message.age")
                .tags("type", "PlaceOrder", "queue", QUEUE, "region", "eu-west-1").timer();
        assertThat(ages.count()).as("one age per try, like the handle timer")
                .isEqualTo(handled("success") + handled("failure"));
        assertThat(ages.max(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void noReceiveFailed() {
        assertThat(registry.find("justsaying.receive.failures").meters()).isEmpty();
    }

    private static long handled(String outcome) {
        return registry.find("justsaying.handle")
                .tags("type", "PlaceOrder", "queue", QUEUE, "region", "eu-west-1", "outcome", outcome)
                .timers().stream().mapToLong(Timer::count).sum();
    }

    private static double count(Search search) {
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
