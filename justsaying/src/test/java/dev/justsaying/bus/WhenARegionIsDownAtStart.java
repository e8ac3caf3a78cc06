package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.region.FailoverPolicy;
import dev.justsaying.testing.TestBus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bus starts and serves with the regions it can reach, and sets up a missing one when it comes back. */
class WhenARegionIsDownAtStart {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1").withoutDynamoDb();

    @Test
    void theBusStartsWithoutItAndAddsItWhenItAnswers() {
        Map<String, String> handledIn = new ConcurrentHashMap<>();
        AtomicReference<String> preferred = new AtomicReference<>("eu-west-1");
        aws.get().region("eu-central-1").faults().outage();
        MessagingBus bus = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion("eu-central-1").withActiveRegion(preferred::get)
                        .withAutomaticFailover(FailoverPolicy.builder().probeInterval(Duration.ofMillis(200))
                                .probesBeforeFailback(1).minimumTimeAway(Duration.ZERO).build()))
                .publications(p -> p.withTopic(OrderPlaced.class))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("late-region").group("orders")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                    handledIn.put(order.orderId(), context.region());
                    return HandleResult.success();
                }))
                .build();
        try (bus) {
            bus.start().join();

            assertThat(bus.interrogate().regionHealth()).containsEntry("eu-west-1", true)
                    .containsEntry("eu-central-1", false);
            assertThat(bus.subscriptionGroup("orders").subscriptions()).hasSize(1);
            PublishResult whileDown = bus.publisher().publish(new OrderPlaced("while-down", 1)).join();
            assertThat(whileDown.region()).isEqualTo("eu-west-1");

            aws.get().region("eu-central-1").faults().restore();

            await().atMost(Duration.ofSeconds(30)).until(() -> bus.subscriptionGroup("orders").subscriptions().size() == 2
                    && bus.interrogate().regionHealth().get("eu-central-1"));
            preferred.set("eu-central-1");
            PublishResult afterwards = bus.publisher().publish(new OrderPlaced("after", 1)).join();
            assertThat(afterwards.region()).isEqualTo("eu-central-1");
            await().atMost(Duration.ofSeconds(15)).until(() -> handledIn.size() == 2);
            assertThat(handledIn).containsEntry("while-down", "eu-west-1").containsEntry("after", "eu-central-1");
        }
    }
}
