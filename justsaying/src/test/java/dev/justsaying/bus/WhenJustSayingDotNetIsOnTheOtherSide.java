package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/** Bodies written exactly as JustSaying (.NET) writes them are handled; what we publish reads as it expects. */
class WhenJustSayingDotNetIsOnTheOtherSide {

    /** The Java side of the .NET {@code OrderPlaced} in the samples. */
    record OrderPlaced(long orderId, String customerName, String status, Instant placedAt, BigDecimal total) {
    }

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final List<ReceivedMessage<OrderPlaced>> handled = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withTopic(OrderPlaced.class))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("dotnet-orders")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                    handled.add(new ReceivedMessage<>(order, context));
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void aNewtonsoftEnvelopeSentStraightToTheQueueIsHandled() throws IOException {
        sendToQueue(sample("newtonsoft-sqs-envelope.json"));

        ReceivedMessage<OrderPlaced> received = awaitOrder(42);
        assertThat(received.message().customerName()).isEqualTo("Zoë");
        assertThat(received.message().placedAt()).isEqualTo(Instant.parse("2024-03-01T10:15:30.1234567Z"));
        assertThat(received.context().metadata().raisingComponent()).isEqualTo("OrderApi");
        assertThat(received.context().metadata().conversation()).isEqualTo("conversation-1");
    }

    @Test
    void aCompressedSnsNotificationIsHandled() throws IOException {
        int before = handled.size();
        sendToQueue(sample("compressed-sns-notification.json"));

        await().atMost(Duration.ofSeconds(15)).until(() -> handled.size() > before);
    }

    @Test
    void whatWePublishIsTheNotificationJustSayingReads() throws IOException {
        LocalRegion region = aws.get().primaryRegion();
        String url = region.sqsClient().createQueue(b -> b.queueName("dotnet-reader")).queueUrl();
        region.snsClient().subscribe(b -> b.topicArn(region.topicArn("orderplaced")).protocol("sqs")
                .endpoint(region.queueArn("dotnet-reader")));

        bus.publisher().publish(new OrderPlaced(7, "Ada", "Open", Instant.parse("2024-01-01T00:00:00Z"),
                new BigDecimal("9.99"))).join();

        Message delivered = await().atMost(Duration.ofSeconds(15)).until(() ->
                region.sqsClient().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages(),
                messages -> !messages.isEmpty()).get(0);
        ObjectMapper json = new ObjectMapper();
        JsonNode notification = json.readTree(delivered.body());
        assertThat(notification.get("Type").asText()).isEqualTo("Notification");
        assertThat(notification.get("Subject").asText()).isEqualTo("OrderPlaced");
        JsonNode message = json.readTree(notification.get("Message").asText());
        assertThat(message.fieldNames()).toIterable()
                .contains("OrderId", "CustomerName", "Status", "PlacedAt", "Total", "Id", "TimeStamp");
        assertThat(message.get("OrderId").asLong()).isEqualTo(7);
    }

    private static ReceivedMessage<OrderPlaced> awaitOrder(long orderId) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> handled.stream().filter(r -> r.message().orderId() == orderId).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static void sendToQueue(String body) {
        LocalRegion region = aws.get().primaryRegion();
        String url = region.sqsClient().getQueueUrl(b -> b.queueName("dotnet-orders")).queueUrl();
        region.sqsClient().sendMessage(b -> b.queueUrl(url).messageBody(body));
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = WhenJustSayingDotNetIsOnTheOtherSide.class
                .getResourceAsStream("/dev/justsaying/wire/dotnet/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
