package dev.justsaying.monitoring;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.Messages.PlaceOrder;
import dev.justsaying.subscribe.SubscriptionGroup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group gauges of a running bus, read while messages are held in their handler. */
class WhenTheConcurrencyLimitOfAMonitoredGroupChanges {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final String GROUP = "gauged";
    static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static final MicrometerMessageMonitor monitor = new MicrometerMessageMonitor(registry);
    /** Orders whose handler waits until their latch opens. */
    static final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    static MessagingBus bus;

    @BeforeAll
    static void startAndBind() {
        bus = TestBus.on(aws.get())
                .monitor(monitor)
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("gauged-orders")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("gauged-orders").group(GROUP))
                        .withSubscriptionGroup(GROUP, g -> g.concurrencyLimit(1)))
                .handlers(h -> h.handle(PlaceOrder.class, (order, context) -> {
                    CountDownLatch latch = held.get(order.orderId());
                    if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
                        return HandleResult.failure("the test never let " + order.orderId() + " go");
                    }
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
        monitor.bindGroups(bus);
    }

    @AfterAll
    static void stopBus() {
        held.values().forEach(CountDownLatch::countDown);
        bus.close();
    }

    @Test
    void raisingTheLimitStartsTheWaitingMessageAndTheGaugesFollow() {
        SubscriptionGroup group = bus.subscriptionGroup(GROUP);
        try {
            assertThat(gauge("justsaying.group.concurrency.limit")).isEqualTo(1);
            publishHeld("held-1");
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge("justsaying.group.in.flight") == 1);
            publishHeld("held-2");
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge("justsaying.group.buffered") == 1);
            assertThat(gauge("justsaying.group.in.flight")).as("the limit holds the second back").isEqualTo(1);

            group.concurrencyLimit().setLimit(2);

            assertThat(gauge("justsaying.group.concurrency.limit")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge("justsaying.group.in.flight") == 2
                    && gauge("justsaying.group.buffered") == 0);
            held.values().forEach(CountDownLatch::countDown);
            await().atMost(Duration.ofSeconds(15)).until(() -> gauge("justsaying.group.in.flight") == 0);
        } finally {
            held.values().forEach(CountDownLatch::countDown);
            group.concurrencyLimit().setLimit(1);
        }
    }

    @Test
    void pausingTheGroupShowsInThePausedGauge() {
        SubscriptionGroup group = bus.subscriptionGroup(GROUP);
        try {
            group.pause();
            assertThat(gauge("justsaying.group.paused")).isEqualTo(1);
            group.resume();
            assertThat(gauge("justsaying.group.paused")).isZero();
        } finally {
            group.resume();
        }
    }

    @Test
    void aBusThatHasNotStartedHasNoGroupsToBind() {
        MessagingBus notStarted = TestBus.on(aws.get())
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("never-started")))
                .handlers(h -> h.handle(PlaceOrder.class, (order, context) -> HandleResult.success()))
                .build();

        assertThatThrownBy(() -> new MicrometerMessageMonitor(new SimpleMeterRegistry()).bindGroups(notStarted))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
    }

    private static void publishHeld(String orderId) {
        held.put(orderId, new CountDownLatch(1));
        bus.publisher().publish(new PlaceOrder(orderId)).join();
    }

    private static double gauge(String name) {
        return registry.get(name).tag("group", GROUP).gauge().value();
    }
}
