package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.subscribe.SubscriptionGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-flight count never exceeds the group's limit, and follows the limit when it changes at run time. */
class WhenTheConcurrencyLimitIsReached {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger mostInFlight = new AtomicInteger();
    static final AtomicInteger handled = new AtomicInteger();
    static final CountDownLatch release = new CountDownLatch(1);
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("throttled")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("throttled").group("limited"))
                        .withSubscriptionGroup("limited", g -> g.concurrencyLimit(3).prefetch(5).bufferSize(5)))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    int now = inFlight.incrementAndGet();
                    mostInFlight.accumulateAndGet(now, Math::max);
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } finally {
                        inFlight.decrementAndGet();
                        handled.incrementAndGet();
                    }
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
        List<PlaceOrder> commands = IntStream.range(0, 30).mapToObj(i -> new PlaceOrder("o-" + i)).toList();
        assertThat(bus.publisher().publishBatch(commands).join().allPublished()).isTrue();
    }

    @AfterAll
    static void stopBus() {
        release.countDown();
        bus.close();
    }

    @Test
    void theLimitIsFilledButNeverExceededAndFollowsChanges() {
        SubscriptionGroup group = bus.subscriptionGroup("limited");
        await().atMost(Duration.ofSeconds(15)).until(() -> inFlight.get() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> inFlight.get() == 3);
        assertThat(group.buffered()).as("the buffer holds at most its size").isLessThanOrEqualTo(5);

        group.concurrencyLimit().setLimit(7);

        await().atMost(Duration.ofSeconds(15)).until(() -> inFlight.get() == 7);
        assertThat(mostInFlight.get()).isEqualTo(7);
        assertThat(group.concurrencyLimit().inFlight()).isEqualTo(7);

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == 30);
        assertThat(mostInFlight.get()).isEqualTo(7);
    }
}
