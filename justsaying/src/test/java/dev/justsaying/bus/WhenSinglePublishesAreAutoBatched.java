package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderCancelled;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.AutoBatching;
import dev.justsaying.publish.PublishException;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.testing.TestBus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Auto-batching: concurrent single publishes leave in SendMessageBatch calls, each caller gets its own message's
 * result, an entry SQS refuses goes through the publish retry alone, and past the pending limit a publish fails.
 * SQS is local-aws; the client in front of it refuses chosen entries the way SQS does in a partial batch failure.
 */
class WhenSinglePublishesAreAutoBatched {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final AtomicInteger singleSends = new AtomicInteger();
    static final AtomicInteger batchCalls = new AtomicInteger();
    static final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    static final Map<String, AtomicInteger> attemptsByOrder = new ConcurrentHashMap<>();
    static volatile CompletableFuture<Void> holdBatches = CompletableFuture.completedFuture(null);
    static MessagingBus bus;
    static MessagingBus tightBus;

    @BeforeAll
    static void startBuses() {
        SqsAsyncClient sqs = refusingChosenEntries(aws.get().primaryRegion().sqsAsyncClient());
        bus = TestBus.on(aws.get())
                .client(c -> c.withClients(region -> sqs, region -> aws.get().region(region).snsAsyncClient()))
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("auto-batched"))
                        .withAutoBatching(AutoBatching.defaults().withLinger(Duration.ofMillis(100))))
                .build();
        tightBus = TestBus.on(aws.get())
                .client(c -> c.withClients(region -> sqs, region -> aws.get().region(region).snsAsyncClient()))
                .publications(p -> p.withQueue(OrderCancelled.class, q -> q.queue("auto-batched-tight"))
                        .withAutoBatching(AutoBatching.defaults().withMaxPendingMessages(10)))
                .build();
        bus.start().join();
        tightBus.start().join();
    }

    @AfterAll
    static void stopBuses() {
        holdBatches.complete(null);
        bus.close();
        tightBus.close();
    }

    @Test
    void concurrentPublishesShareBatchCallsAndEachGetsItsOwnResult() {
        int sendsBefore = singleSends.get();
        int batchesBefore = batchCalls.get();
        List<CompletableFuture<PublishResult>> results = publishConcurrently("shared-", 40);

        Map<String, String> orderByMessageId = drain("auto-batched", 40);
        for (int i = 0; i < results.size(); i++) {
            String messageId = results.get(i).join().messageId();
            assertThat(orderByMessageId.get(messageId)).isEqualTo("shared-" + i);
        }
        assertThat(singleSends.get()).isEqualTo(sendsBefore);
        assertThat(batchCalls.get() - batchesBefore).isLessThan(40);
    }

    @Test
    void anEntrySqsRefusesFailsOnlyItsOwnCallerAndARefusalThatMayPassIsRetried() {
        refusedOnce.add("flaky-3");
        List<CompletableFuture<PublishResult>> results = publishConcurrently("flaky-", 10);
        results.set(7, bus.publisher().publish(new PlaceOrder("refused-7")));

        Throwable refused = catchThrowable(() -> results.get(7).join());
        assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(PublishException.class);
        assertThat(refused.getCause()).hasMessageContaining("InvalidMessageContents");
        Map<String, String> orderByMessageId = drain("auto-batched", 10);
        for (int i = 0; i < results.size(); i++) {
            if (i != 7) {
                assertThat(orderByMessageId.get(results.get(i).join().messageId())).isEqualTo("flaky-" + i);
            }
        }
        assertThat(attemptsByOrder.get("flaky-3")).hasValue(2);
        assertThat(attemptsByOrder.get("flaky-4")).hasValue(1);
    }

    @Test
    void pastThePendingLimitAPublishFailsAtOnce() {
        holdBatches = new CompletableFuture<>();
        List<CompletableFuture<PublishResult>> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(tightBus.publisher().publish(new OrderCancelled("held-" + i)));
        }

        CompletableFuture<PublishResult> oneTooMany = tightBus.publisher().publish(new OrderCancelled("one-too-many"));

        assertThat(oneTooMany).isCompletedExceptionally();
        assertThat(catchThrowable(oneTooMany::join)).hasCauseInstanceOf(PublishException.class)
                .hasMessageContaining("limit of 10 pending publishes");
        holdBatches.complete(null);
        CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).join();
        assertThat(tightBus.publisher().publish(new OrderCancelled("room-again")).join().messageId()).isNotBlank();
    }

    /** Publishes {@code prefix0..} from eight threads at once; waits until every publish has its outcome. */
    private static List<CompletableFuture<PublishResult>> publishConcurrently(String prefix, int count) {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<CompletableFuture<PublishResult>>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String orderId = prefix + i;
                calls.add(CompletableFuture.supplyAsync(() -> bus.publisher().publish(new PlaceOrder(orderId)), callers));
            }
            List<CompletableFuture<PublishResult>> results = new ArrayList<>(calls.stream().map(CompletableFuture::join).toList());
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).handle((ignored, error) -> null).join();
            return results;
        } finally {
            callers.shutdown();
        }
    }

    /** Receives and deletes {@code count} messages; the order id in each body by SQS message id. */
    private static Map<String, String> drain(String queue, int count) {
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        Map<String, String> orderByMessageId = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (orderByMessageId.size() < count && System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                String body = message.body().replace("\\\"", "\"");
                int start = body.indexOf("\"OrderId\":\"") + "\"OrderId\":\"".length();
                orderByMessageId.put(message.messageId(), body.substring(start, body.indexOf('"', start)));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
        return orderByMessageId;
    }

    /**
     * The local client, refusing entries whose order starts with {@code refused-} (the sender's fault) and the
     * entries in {@link #refusedOnce} on their first attempt (SQS's fault), and holding batch calls while
     * {@link #holdBatches} is incomplete.
     */
    private static SqsAsyncClient refusingChosenEntries(SqsAsyncClient client) {
        return (SqsAsyncClient) Proxy.newProxyInstance(SqsAsyncClient.class.getClassLoader(),
                new Class<?>[] {SqsAsyncClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        singleSends.incrementAndGet();
                    }
                    if (method.getName().equals("sendMessageBatch") && args[0] instanceof Consumer<?> consumer) {
                        @SuppressWarnings("unchecked")
                        SendMessageBatchRequest request = SendMessageBatchRequest.builder()
                                .applyMutation((Consumer<SendMessageBatchRequest.Builder>) consumer).build();
                        return holdBatches.thenCompose(ignored -> sendRefusingChosen(client, request));
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static CompletableFuture<SendMessageBatchResponse> sendRefusingChosen(SqsAsyncClient client,
                                                                                  SendMessageBatchRequest request) {
        batchCalls.incrementAndGet();
        List<SendMessageBatchRequestEntry> passed = new ArrayList<>();
        List<BatchResultErrorEntry> refused = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : request.entries()) {
            String body = entry.messageBody();
            if (body.contains("refused-")) {
                refused.add(BatchResultErrorEntry.builder().id(entry.id()).code("InvalidMessageContents")
                        .message("refused by the test").senderFault(true).build());
            } else if (refusedOnce.removeIf(body::contains)) {
                countAttempt(body);
                refused.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                        .message("refused once by the test").senderFault(false).build());
            } else {
                countAttempt(body);
                passed.add(entry);
            }
        }
        CompletableFuture<SendMessageBatchResponse> sent = passed.isEmpty()
                ? CompletableFuture.completedFuture(SendMessageBatchResponse.builder().build())
                : client.sendMessageBatch(request.toBuilder().entries(passed).build());
        return sent.thenApply(response -> {
            List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
            failed.addAll(refused);
            return response.toBuilder().failed(failed).build();
        });
    }

    /** Counts a send of a {@code flaky-n} order. */
    private static void countAttempt(String body) {
        int start = body.indexOf("flaky-");
        if (start >= 0) {
            int end = start + "flaky-".length();
            while (end < body.length() && Character.isDigit(body.charAt(end))) {
                end++;
            }
            attemptsByOrder.computeIfAbsent(body.substring(start, end), ignored -> new AtomicInteger()).incrementAndGet();
        }
    }
}
