package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.testing.TestBus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The visibility heartbeat: a handler that runs well past its queue's 2-second visibility timeout keeps its message
 * invisible, so neither the bus's own poller nor a second consumer gets it while it runs.
 */
class WhenAHandlerRunsPastItsVisibilityTimeout {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final int EXTENSIONS_PAST_THE_TIMEOUT = 4;
    static final CountDownLatch started = new CountDownLatch(1);
    static final CountDownLatch finish = new CountDownLatch(1);
    static final List<Integer> receiveCounts = new CopyOnWriteArrayList<>();
    static final AtomicInteger extensionCalls = new AtomicInteger();
    static final List<Message> takenBySecondConsumer = new CopyOnWriteArrayList<>();
    static int inFlightWhileHandling;
    static MessagingBus bus;

    @BeforeAll
    static void handleOneLongMessage() throws InterruptedException {
        QueueSettings shortVisibility = QueueSettings.builder().visibilityTimeout(Duration.ofSeconds(2)).build();
        SqsAsyncClient counting = countingExtensions(aws.get().primaryRegion().sqsAsyncClient());
        bus = TestBus.on(aws.get())
                .client(c -> c.withClients(region -> counting, region -> aws.get().region(region).snsAsyncClient()))
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("slow-work").settings(shortVisibility)))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("slow-work").settings(shortVisibility)))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    receiveCounts.add(context.receiveCount());
                    started.countDown();
                    try {
                        finish.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
        bus.publisher().publish(new PlaceOrder("long-running")).join();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

        SqsClient secondConsumer = aws.get().primaryRegion().sqsClient();
        String url = secondConsumer.getQueueUrl(b -> b.queueName("slow-work")).queueUrl();
        int callsAtStart = extensionCalls.get();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            takenBySecondConsumer.addAll(secondConsumer.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0))
                    .messages());
            return extensionCalls.get() - callsAtStart >= EXTENSIONS_PAST_THE_TIMEOUT;
        });
        inFlightWhileHandling = TestBus.depth(secondConsumer, "slow-work");
        finish.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> TestBus.depth(secondConsumer, "slow-work") == 0);
    }

    /** The queue's client, counting the batch visibility changes the bus makes. */
    private static SqsAsyncClient countingExtensions(SqsAsyncClient client) {
        return (SqsAsyncClient) Proxy.newProxyInstance(SqsAsyncClient.class.getClassLoader(),
                new Class<?>[] {SqsAsyncClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("changeMessageVisibilityBatch")) {
                        extensionCalls.incrementAndGet();
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterAll
    static void stopBus() {
        finish.countDown();
        bus.close();
    }

    @Test
    void theMessageStaysWithItsHandler() {
        assertThat(inFlightWhileHandling).isEqualTo(1);
        assertThat(takenBySecondConsumer).isEmpty();
    }

    @Test
    void itIsHandledOnceOnItsFirstReceive() {
        assertThat(receiveCounts).containsExactly(1);
    }

    @Test
    void itIsDeletedWhenTheHandlerEnds() {
        assertThat(TestBus.depth(aws.get().primaryRegion().sqsClient(), "slow-work")).isZero();
    }
}
