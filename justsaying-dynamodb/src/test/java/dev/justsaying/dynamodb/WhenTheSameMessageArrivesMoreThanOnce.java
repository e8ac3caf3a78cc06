package dev.justsaying.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.ExponentialBackoff;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.lock.ExactlyOnceMiddleware;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A bus subscribed in two regions, its handler behind the exactly-once middleware on DynamoDB: copies of one message
 * (one JustSaying Id, as a redelivery or a failover makes them) are handled once, and every copy is deleted.
 */
class WhenTheSameMessageArrivesMoreThanOnce {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1");

    static final String QUEUE = "orders-once";
    static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1");
    static final Map<UUID, AtomicInteger> handledById = new ConcurrentHashMap<>();
    static final MessageWriter writer = new MessageWriter(new MessageSerializer(WireOptions.defaults()));
    static MessagingBus bus;

    record PlaceOrder(String orderId) {
    }

    @BeforeAll
    static void startBus() {
        DynamoDbMessageLock lock = DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient())
                .tableName("order-locks").build();
        lock.createTableIfMissing().join();
        bus = MessagingBus.builder()
                .messaging(m -> m.inRegion("eu-west-1").withFailoverRegion("eu-central-1"))
                .client(c -> c.withClients(region -> aws.get().region(region).sqsAsyncClient(),
                        region -> aws.get().region(region).snsAsyncClient()))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue(QUEUE))
                        .withDefaults(g -> g.receiveWait(Duration.ofSeconds(1))))
                .handlers(h -> h
                        .handle(PlaceOrder.class, (order, context) -> {
                            handledById.computeIfAbsent(context.metadata().id(), id -> new AtomicInteger())
                                    .incrementAndGet();
                            return HandleResult.success();
                        })
                        .withBackoff(ExponentialBackoff.of(Duration.ofMillis(500), 1.0, Duration.ofMillis(500)))
                        // a short lock, so that a copy deferred while another is handled comes back within the test
                        .withMiddleware(ExactlyOnceMiddleware.builder(lock).lockFor(Duration.ofSeconds(3)).build()))
                .build();
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void sentTwiceIntoOneQueueItIsHandledOnce() {
        MessageMetadata metadata = MessageMetadata.newMessage();

        send("eu-west-1", new PlaceOrder("twice"), metadata);
        send("eu-west-1", new PlaceOrder("twice"), metadata);

        awaitEveryCopyDeleted();
        assertThat(handledById.get(metadata.id())).hasValue(1);
    }

    @Test
    void sentIntoTheQueuesOfTwoRegionsItIsHandledOnce() {
        MessageMetadata metadata = MessageMetadata.newMessage();

        REGIONS.forEach(region -> send(region, new PlaceOrder("both-regions"), metadata));

        awaitEveryCopyDeleted();
        assertThat(handledById.get(metadata.id())).hasValue(1);
    }

    @Test
    void manyMessagesEachArrivingThreeTimesThroughBothRegionsAreEachHandledOnce() {
        List<MessageMetadata> messages = IntStream.range(0, 10).mapToObj(i -> MessageMetadata.newMessage()).toList();

        for (int i = 0; i < messages.size(); i++) {
            PlaceOrder order = new PlaceOrder("many-" + i);
            send("eu-west-1", order, messages.get(i));
            send("eu-central-1", order, messages.get(i));
            send("eu-west-1", order, messages.get(i));
        }

        awaitEveryCopyDeleted();
        assertThat(messages).allSatisfy(metadata ->
                assertThat(handledById.get(metadata.id())).as(metadata.id().toString()).hasValue(1));
    }

    /** Waits until no copy is left on the queues; none may have gone to an error queue instead. */
    private static void awaitEveryCopyDeleted() {
        await().atMost(Duration.ofSeconds(30)).until(() -> REGIONS.stream().allMatch(region -> depth(region, QUEUE) == 0));
        REGIONS.forEach(region -> assertThat(depth(region, QUEUE + "_error")).as("error queue in " + region).isZero());
    }

    /** Sends a message into a region's queue as a publisher would, with the JustSaying metadata given. */
    private static void send(String region, PlaceOrder order, MessageMetadata metadata) {
        OutboundMessage message = writer.write(order, metadata, Destination.QUEUE);
        SqsClient sqs = aws.get().region(region).sqsClient();
        String url = sqs.getQueueUrl(get -> get.queueName(QUEUE)).queueUrl();
        sqs.sendMessage(send -> send.queueUrl(url).messageBody(message.body())
                .messageAttributes(SdkMessageAttributes.toSqs(message.attributes())));
    }

    /** Visible and in-flight messages on a queue of the region. */
    private static int depth(String region, String queue) {
        SqsClient sqs = aws.get().region(region).sqsClient();
        String url = sqs.getQueueUrl(get -> get.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
