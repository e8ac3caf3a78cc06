package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class WhenTheBusStopsOrPauses {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    @Test
    void stoppingDrainsTheHandlerInFlightAndHandsTheBufferBackAtOnce() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger completed = new AtomicInteger();
        MessagingBus bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("draining")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("draining").group("one-at-a-time"))
                        .withSubscriptionGroup("one-at-a-time", g -> g.concurrencyLimit(1).prefetch(5).bufferSize(5)))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    started.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    completed.incrementAndGet();
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
        bus.publisher().publishBatch(IntStream.range(0, 6).mapToObj(i -> new PlaceOrder("d-" + i)).toList()).join();
        await().atMost(Duration.ofSeconds(15)).until(() -> started.getCount() == 0
                && bus.subscriptionGroup("one-at-a-time").buffered() == 5);

        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !bus.interrogate().running());
            release.countDown();
        });
        releaser.start();
        boolean drained = bus.stop(Duration.ofSeconds(15));
        bus.close();

        assertThat(drained).isTrue();
        assertThat(completed.get()).as("the handler in flight finished").isEqualTo(1);
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.getQueueUrl(b -> b.queueName("draining")).queueUrl();
        List<Message> back = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(back).as("the five buffered messages are visible again at once").hasSize(5);
    }

    @Test
    void pausingStopsReceivingAndResumingCarriesOn() {
        AtomicInteger handled = new AtomicInteger();
        MessagingBus bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("pausable")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("pausable")))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    handled.incrementAndGet();
                    return HandleResult.success();
                }))
                .build();
        try (bus) {
            bus.start().join();
            bus.pause();
            await().atMost(Duration.ofSeconds(5)).until(() -> !bus.subscriptionGroup("pausable").isReceiving());
            bus.publisher().publish(new PlaceOrder("p-1")).join();

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> handled.get() == 0);
            assertThat(TestBus.depth(aws.get().primaryRegion().sqsClient(), "pausable")).isEqualTo(1);

            bus.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);
        }
    }
}
