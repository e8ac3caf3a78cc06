package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.publish.PublishResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenAnEventIsPublishedToATopic {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final List<ReceivedMessage<OrderPlaced>> handled = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        bus = TestBus.on(aws.get())
                .messaging(m -> m.withRaisingComponent("orders-service"))
                .publications(p -> p.withTopic(OrderPlaced.class))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("billing-orders")))
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
    void theSubscriberHandlesItWithItsMetadataAndContext() {
        PublishResult published = bus.publisher().publish(new OrderPlaced("o-1", 3),
                PublishOptions.builder().conversation("conv-7").attribute("Source", "test").build()).join();

        ReceivedMessage<OrderPlaced> received = await().atMost(Duration.ofSeconds(15)).until(
                () -> handled.stream().filter(r -> r.message().orderId().equals("o-1")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(received.message()).isEqualTo(new OrderPlaced("o-1", 3));
        assertThat(received.context().metadata().id()).isEqualTo(published.id());
        assertThat(received.context().metadata().raisingComponent()).isEqualTo("orders-service");
        assertThat(received.context().metadata().conversation()).isEqualTo("conv-7");
        assertThat(received.context().typeName()).isEqualTo("OrderPlaced");
        assertThat(received.context().queueName()).isEqualTo("billing-orders");
        assertThat(received.context().region()).isEqualTo("eu-west-1");
        assertThat(received.context().receiveCount()).isEqualTo(1);
        assertThat(received.context().stringAttribute("Source")).contains("test");
        assertThat(published.destination()).isEqualTo(aws.get().primaryRegion().topicArn("orderplaced"));
    }

    @Test
    void aHandledMessageIsDeletedFromTheQueue() {
        int before = handled.size();
        bus.publisher().publish(new OrderPlaced("o-2", 1)).join();

        await().atMost(Duration.ofSeconds(15)).until(() -> handled.size() > before);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "billing-orders") == 0);
    }

    @Test
    void theBusDescribesItselfAsData() {
        assertThat(bus.interrogate().running()).isTrue();
        assertThat(bus.interrogate().regions()).containsExactly("eu-west-1");
        assertThat(bus.interrogate().publications()).singleElement().asString().contains("topic orderplaced");
        assertThat(bus.interrogate().groups()).singleElement()
                .satisfies(group -> assertThat(group.name()).isEqualTo("billing-orders"));
        assertThat(bus.interrogate().middleware()).containsExactly("context", "logging", "metrics",
                bus.interrogate().middleware().get(3), "error handling");
    }
}
