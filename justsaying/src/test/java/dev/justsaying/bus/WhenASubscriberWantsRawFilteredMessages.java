package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import dev.justsaying.publish.PublishOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.model.Subscription;

/** Raw delivery (no SNS envelope) with a filter policy on a message attribute. */
class WhenASubscriberWantsRawFilteredMessages {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Set<String> handled = ConcurrentHashMap.newKeySet();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .publications(p -> p.withTopic(OrderPlaced.class))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("urgent-orders").raw()
                        .filterPolicy("{\"Priority\":[\"high\"]}")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                    handled.add(order.orderId());
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
    void theSubscriptionIsRawWithTheFilterPolicy() {
        LocalRegion region = aws.get().primaryRegion();
        Subscription subscription = region.snsClient()
                .listSubscriptionsByTopic(b -> b.topicArn(region.topicArn("orderplaced"))).subscriptions().get(0);
        assertThat(region.snsClient().getSubscriptionAttributes(b -> b.subscriptionArn(subscription.subscriptionArn()))
                .attributes()).containsEntry("RawMessageDelivery", "true")
                .containsEntry("FilterPolicy", "{\"Priority\":[\"high\"]}");
    }

    @Test
    void onlyMatchingMessagesArriveAndRawBodiesAreHandled() {
        bus.publisher().publish(new OrderPlaced("low", 1), PublishOptions.builder().attribute("Priority", "low").build()).join();
        bus.publisher().publish(new OrderPlaced("high", 1), PublishOptions.builder().attribute("Priority", "high").build()).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> handled.contains("high"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !handled.contains("low"));
    }
}
