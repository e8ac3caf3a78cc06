package dev.justsaying.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.testing.TestBus;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A receive's units on the handler side, the test playing the dispatcher (every permit free) and the group's watch:
 * quick messages go one after another on one thread and leave in one delete call; a slow one lets its siblings spread.
 */
class WhenAReceiveIsHandledAsOneRun {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    record Ping(String id) {
    }

    private final List<Integer> deleteCalls = new CopyOnWriteArrayList<>();
    private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger settled = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private SqsAsyncClient sqs;

    @AfterEach
    void close() {
        handlers.shutdownNow();
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void tenQuickMessagesRunOnOneThreadAndLeaveInOneDeleteBatch() {
        AtomicInteger handled = new AtomicInteger();
        QueueSubscription subscription = subscription("quick", pings((ping, context) -> {
            handlerThreads.add(Thread.currentThread().getName());
            handled.incrementAndGet();
            return HandleResult.success();
        }));
        List<WorkUnit> units = receiveTen(subscription);
        ReceiveRun run = run(subscription);

        units.forEach(unit -> run.offer(unit, countingHooks()));
        assertThat(handled.get()).as("nothing runs before the run goes").isZero();
        run.allOffered();

        run.done().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(handled.get()).isEqualTo(10);
        assertThat(handlerThreads).as("one handler thread for the receive").hasSize(1);
        assertThat(deleteCalls).as("one DeleteMessageBatch of the ten, and no single delete").containsExactly(10);
        assertThat(settled.get()).isEqualTo(10);
    }

    @Test
    void aMessageStuckBehindASlowSiblingGetsAThreadOfItsOwnOnceItHasWaited() {
        CountDownLatch siblingsHandled = new CountDownLatch(9);
        QueueSubscription subscription = subscription("slow", pings((ping, context) -> {
            if (ping.id().equals("p-0")) {
                siblingsHandled.await(30, TimeUnit.SECONDS);
                return HandleResult.success();
            }
            siblingsHandled.countDown();
            return HandleResult.success();
        }));
        List<WorkUnit> units = receiveTen(subscription);
        ReceiveRun run = run(subscription);
        units.forEach(unit -> run.offer(unit, countingHooks()));
        run.allOffered();

        long waitNanos = SubscriptionGroup.SPREAD_AFTER.toNanos();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            run.spreadIfWaiting(System.nanoTime() + waitNanos, waitNanos);
            return siblingsHandled.getCount() == 0;
        });

        run.done().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(settled.get()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> queueDepth("slow") == 0);
    }

    private static HandlerBinding pings(MessageHandler<Ping> handler) {
        return HandlerBinding.of(Ping.class, "Ping", handler, List.of());
    }

    private QueueSubscription subscription(String queueName, HandlerBinding binding) {
        LocalRegion region = aws.get().primaryRegion();
        sqs = SqsAsyncClient.builder().endpointOverride(region.sqsEndpoint()).region(Region.of(region.name()))
                .credentialsProvider(LocalAws.credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DeleteCounter())).build();
        String url = sqs.createQueue(b -> b.queueName(queueName)).join().queueUrl();
        QueueEndpoint endpoint = new QueueEndpoint(region.name(), queueName, url, Optional.empty(), 5, sqs);
        return new QueueSubscription(endpoint, List.of(binding), new EnvelopeReader(WireOptions.defaults()));
    }

    /** Puts ten pings on the queue and receives them, sorted into units as a poller would. */
    private List<WorkUnit> receiveTen(QueueSubscription subscription) {
        String url = subscription.endpoint().url();
        MessageWriter writer = new MessageWriter(new MessageSerializer(WireOptions.defaults()));
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            OutboundMessage written = writer.write(new Ping("p-" + i), MessageMetadata.newMessage(), Destination.QUEUE);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(written.body())
                    .messageAttributes(SdkMessageAttributes.toSqs(written.attributes())).build());
        }
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).join();
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).join().messages());
            return received.size() == 10;
        });
        return subscription.sort(received);
    }

    private ReceiveRun run(QueueSubscription subscription) {
        MessageProcessor processor = new MessageProcessor(new MessageSerializer(WireOptions.defaults()),
                new ErrorQueueSender(new MessageMonitor() { }));
        HandlerPace pace = new HandlerPace();
        return new ReceiveRun(processor, processor.acknowledger(subscription.endpoint()), handlers, binding -> pace);
    }

    private ReceiveRun.Hooks countingHooks() {
        return new ReceiveRun.Hooks() {
            @Override
            public CompletableFuture<Void> handled(Message message) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void settled() {
                settled.incrementAndGet();
            }
        };
    }

    private int queueDepth(String queueName) {
        return TestBus.depth(aws.get().primaryRegion().sqsClient(), queueName);
    }

    /** Records each delete call: the number of messages of a DeleteMessageBatch, 1 for a DeleteMessage. */
    private final class DeleteCounter implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DeleteMessageBatchRequest batch) {
                deleteCalls.add(batch.entries().size());
            } else if (context.request() instanceof DeleteMessageRequest) {
                deleteCalls.add(1);
            }
        }
    }
}
