package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.testing.TestBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receive's messages are handled as one run, but a slow message does not hold its quick siblings back (they get
 * threads of their own once they have waited), and the group never handles more messages at once than its limit.
 */
class WhenSlowMessagesShareReceivesWithQuickOnes {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private static final int MESSAGES = 60;
    private static final int LIMIT = 4;

    @Test
    void theQuickOnesFinishWhileTheSlowOnesWaitAndTheLimitIsNeverExceeded() {
        CountDownLatch quickOnesHandled = new CountDownLatch(MESSAGES - 2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        MessagingBus bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("mixed-pace")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("mixed-pace").group("mixed"))
                        .withSubscriptionGroup("mixed", g -> g.concurrencyLimit(LIMIT).prefetch(10).bufferSize(20)
                                .pollersPerQueue(2)))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        if (command.orderId().startsWith("slow")) {
                            quickOnesHandled.await(60, TimeUnit.SECONDS);
                        } else {
                            quickOnesHandled.countDown();
                        }
                    } finally {
                        inFlight.decrementAndGet();
                        handled.incrementAndGet();
                    }
                    return HandleResult.success();
                }))
                .build();
        try (bus) {
            bus.start().join();
            List<PlaceOrder> orders = IntStream.range(0, MESSAGES)
                    .mapToObj(i -> new PlaceOrder((i == 3 || i == 14 ? "slow-" : "quick-") + i)).toList();
            for (int from = 0; from < MESSAGES; from += 10) {
                assertThat(bus.publisher().publishBatch(orders.subList(from, from + 10)).join().allPublished())
                        .isTrue();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() == MESSAGES);
            assertThat(quickOnesHandled.getCount()).as("every quick one handled while the slow ones waited").isZero();
            assertThat(mostInFlight.get()).as("never more at once than the limit").isBetween(2, LIMIT);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "mixed-pace") == 0);
        }
    }
}
