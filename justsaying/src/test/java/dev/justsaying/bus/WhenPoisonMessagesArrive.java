package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.MessageMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Messages no retry can mend go to the error queue at once, with the reason, and the rest flow on. */
class WhenPoisonMessagesArrive {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Set<String> handled = ConcurrentHashMap.newKeySet();
    static final List<String> monitored = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("commands")))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("commands")))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> {
                    handled.add(command.orderId());
                    return HandleResult.success();
                }))
                .monitor(new MessageMonitor() {
                    @Override
                    public void sentToErrorQueue(String type, String queue, String region, String reason) {
                        monitored.add(reason);
                    }
                })
                .build();
        bus.start().join();
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.getQueueUrl(b -> b.queueName("commands")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{ this is not json"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"Subject\":\"LaunchRocket\",\"Message\":\"{}\"}"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"Subject\":\"PlaceOrder\",\"Message\":\"[1,2,3]\"}"));
        bus.publisher().publish(new PlaceOrder("healthy")).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> monitored.size() == 3 && handled.contains("healthy"));
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void eachOneIsInTheErrorQueueWithItsReason() {
        List<Message> parked = TestBus.receiveAll(aws.get().primaryRegion().sqsClient(), "commands_error");
        Map<String, String> reasonByBody = new ConcurrentHashMap<>();
        parked.forEach(message -> reasonByBody.put(message.body(),
                message.messageAttributes().get("JustSaying.ErrorReason").stringValue()));

        assertThat(reasonByBody).hasSize(3);
        assertThat(reasonByBody.get("{ this is not json")).startsWith("unreadable message");
        assertThat(reasonByBody.get("{\"Subject\":\"LaunchRocket\",\"Message\":\"{}\"}"))
                .contains("no handler for message type 'LaunchRocket'");
        assertThat(reasonByBody.get("{\"Subject\":\"PlaceOrder\",\"Message\":\"[1,2,3]\"}"))
                .contains("cannot read the message as");
    }

    @Test
    void theMonitorHearsOfEachOne() {
        assertThat(monitored).hasSize(3);
    }

    @Test
    void theHealthyMessageIsHandledAndNothingIsLeftOnTheQueue() {
        assertThat(handled).containsExactly("healthy");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "commands") == 0);
    }
}
