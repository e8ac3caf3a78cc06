package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageHandler;
import org.junit.jupiter.api.Test;

/** Mistakes fail at build time, before any AWS call, saying what to change. */
class WhenTheConfigurationIsWrong {

    private static final MessageHandler<OrderPlaced> ok = (message, context) -> HandleResult.success();

    private static MessagingBus.Builder inARegion() {
        return MessagingBus.builder().messaging(m -> m.inRegion("eu-west-1"));
    }

    @Test
    void aSubscribedTypeWithoutAHandlerIsRefused() {
        assertThatThrownBy(() -> inARegion().subscriptions(s -> s.forTopic(OrderPlaced.class)).build())
                .hasMessageContaining("no handler for subscribed type")
                .hasMessageContaining(".handlers(h -> h.handle(OrderPlaced.class");
    }

    @Test
    void aHandlerWithoutASubscriptionIsRefused() {
        assertThatThrownBy(() -> inARegion().handlers(h -> h.handle(OrderPlaced.class, ok)).build())
                .hasMessageContaining("no subscription");
    }

    @Test
    void aQueueInTwoGroupsIsRefused() {
        assertThatThrownBy(() -> inARegion()
                .subscriptions(s -> s.forQueue(OrderPlaced.class, q -> q.queue("shared").group("a"))
                        .forQueue(PlaceOrder.class, q -> q.queue("shared").group("b")))
                .handlers(h -> h.handle(OrderPlaced.class, ok)
                        .handle(PlaceOrder.class, (message, context) -> HandleResult.success()))
                .build())
                .hasMessageContaining("queue shared is configured with two different subscription groups");
    }

    @Test
    void theSameTypeTwiceOnAQueueIsRefused() {
        assertThatThrownBy(() -> inARegion()
                .subscriptions(s -> s.forQueue(OrderPlaced.class, q -> q.queue("q")).forTopic(OrderPlaced.class, t -> t.queue("q")))
                .handlers(h -> h.handle(OrderPlaced.class, ok))
                .build())
                .hasMessageContaining("subscribed twice on queue q");
    }

    @Test
    void aPrefetchAboveTenIsRefused() {
        assertThatThrownBy(() -> inARegion()
                .subscriptions(s -> s.forTopic(OrderPlaced.class).withDefaults(g -> g.prefetch(11)))
                .handlers(h -> h.handle(OrderPlaced.class, ok))
                .build())
                .hasMessageContaining("prefetch is between 1 and 10");
    }

    @Test
    void anInvalidRegionOrMissingRegionIsRefused() {
        assertThatThrownBy(() -> MessagingBus.builder().messaging(m -> m.inRegion("Ireland")))
                .hasMessageContaining("not an AWS region name");
        assertThatThrownBy(() -> MessagingBus.builder().build())
                .hasMessageContaining("no region");
    }

    @Test
    void anUnusedSubscriptionGroupIsRefused() {
        assertThatThrownBy(() -> inARegion()
                .subscriptions(s -> s.forTopic(OrderPlaced.class).withSubscriptionGroup("typo", g -> g.concurrencyLimit(2)))
                .handlers(h -> h.handle(OrderPlaced.class, ok))
                .build())
                .hasMessageContaining("subscription group typo is configured but no subscription uses it");
    }

    @Test
    void publishingBeforeStartFailsClearly() {
        MessagingBus bus = inARegion().publications(p -> p.withTopic(OrderPlaced.class)).build();
        assertThatThrownBy(() -> bus.publisher().publish(new OrderPlaced("x", 1)).join())
                .hasMessageContaining("the bus has not started");
    }
}
