package dev.justsaying.bus;

import static dev.justsaying.region.FailoverStrategy.ACTIVE_ACTIVE;
import static dev.justsaying.region.FailoverStrategy.ACTIVE_PASSIVE_SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.MessagingBus;
import dev.justsaying.MessagingSection;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.lock.ExactlyOnceMiddleware;
import dev.justsaying.handle.lock.InMemoryMessageLock;
import dev.justsaying.region.FailoverStrategy;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Strategies refuse at build time a bus that would handle copies twice, has one region only, or cannot switch. */
class WhenAFailoverStrategyDoesNotFitTheBus {

    private static MessagingBus.Builder inTwoRegions(Consumer<MessagingSection> more) {
        return MessagingBus.builder()
                .messaging(m -> more.accept(m.inRegion("eu-west-1").withFailoverRegion("eu-central-1")));
    }

    private static MessagingBus.Builder subscribing(MessagingBus.Builder builder) {
        return builder.subscriptions(s -> s.forTopic(OrderPlaced.class))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> HandleResult.success()));
    }

    @ParameterizedTest
    @EnumSource(names = {"ACTIVE_ACTIVE", "ACTIVE_PASSIVE_SUBSCRIBER"})
    void publishingEverywhereWithoutOneRegionMoreIsRefused(FailoverStrategy strategy) {
        assertThatThrownBy(() -> MessagingBus.builder()
                .messaging(m -> m.inRegion("eu-west-1").withFailoverStrategy(strategy)).build())
                .hasMessageContaining(strategy + " needs a failover region");
    }

    @Test
    void subscribingToEveryCopyWithoutTheExactlyOnceMiddlewareIsRefused() {
        assertThatThrownBy(() -> subscribing(inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_ACTIVE))).build())
                .hasMessageContaining("ACTIVE_ACTIVE delivers every message through every region")
                .hasMessageContaining("ExactlyOnceMiddleware");
        assertThatThrownBy(() -> subscribing(inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_PASSIVE_SUBSCRIBER)
                .withAutomaticFailover())).build())
                .hasMessageContaining("ExactlyOnceMiddleware");
    }

    @Test
    void activeActiveWithAnActiveRegionIsRefused() {
        assertThatThrownBy(() -> inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_ACTIVE).withAutomaticFailover())
                .build())
                .hasMessageContaining("no active region");
        assertThatThrownBy(() -> inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_ACTIVE)
                .withActiveRegion(() -> "eu-west-1")).build())
                .hasMessageContaining("no active region");
    }

    @Test
    void anActivePassiveSubscriberThatCannotSwitchIsRefused() {
        assertThatThrownBy(() -> inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_PASSIVE_SUBSCRIBER)).build())
                .hasMessageContaining("add withAutomaticFailover() or withActiveRegion(...)");
    }

    @Test
    void aPublisherOnlyBusNeedsNoLockAndABusWithTheLockIsBuilt() {
        try (MessagingBus publisherOnly = inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_ACTIVE))
                .publications(p -> p.withTopic(OrderPlaced.class)).build();
             MessagingBus locked = subscribing(inTwoRegions(m -> m.withFailoverStrategy(ACTIVE_ACTIVE)))
                     .handlers(h -> h.withMiddleware(ExactlyOnceMiddleware.using(new InMemoryMessageLock()))).build()) {
            assertThat(publisherOnly.interrogate().regions()).hasSize(2);
            assertThat(locked.interrogate().middleware()).anyMatch(layer -> layer.contains("exactly"));
        }
    }
}
