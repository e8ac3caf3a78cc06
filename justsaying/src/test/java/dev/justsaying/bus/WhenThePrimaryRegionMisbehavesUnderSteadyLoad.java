package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.OrderPlaced;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.lock.ExactlyOnceMiddleware;
import dev.justsaying.handle.lock.InMemoryMessageLock;
import dev.justsaying.localaws.Faults;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.region.ActiveRegion;
import dev.justsaying.region.FailoverPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos under load: 10,000 events published at a steady rate through two regions with automatic failover while the
 * primary goes down and comes back, then turns slow, then fails a share of its requests. Subscribers read both
 * regions' queues and the exactly-once middleware removes the copies that at-least-once delivery brings. No caller
 * sees a failed publish and every event is handled exactly once. Phases start at counts of published messages.
 */
class WhenThePrimaryRegionMisbehavesUnderSteadyLoad {

    private static final Logger log = LoggerFactory.getLogger(WhenThePrimaryRegionMisbehavesUnderSteadyLoad.class);

    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";
    static final int MESSAGES = 10_000;
    static final int PER_TICK = 8;
    static final long TICK_MILLIS = 20;

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions(PRIMARY, SECONDARY).withoutDynamoDb();

    /** What happens to the primary once this many messages have been published. */
    private record Phase(int afterPublished, String name, Consumer<Faults> fault) {
    }

    private final List<Phase> phases = List.of(
            new Phase(1_500, "outage", Faults::outage),
            new Phase(3_500, "restored", Faults::restore),
            new Phase(5_000, "latency 150 ms", faults -> faults.latency(Duration.ofMillis(150))),
            new Phase(6_500, "restored", Faults::restore),
            new Phase(7_000, "error rate 25 %", faults -> faults.errorRate(0.25)),
            new Phase(8_500, "restored", Faults::restore));

    private final Map<String, AtomicInteger> handledById = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger completedPublishes = new AtomicInteger();
    private final Queue<Throwable> failedPublishes = new ConcurrentLinkedQueue<>();
    private final List<String> switchCauses = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void noPublishFailsAndEveryMessageIsHandledExactlyOnce() {
        long start = System.nanoTime();
        try (MessagingBus bus = bus()) {
            bus.start().join();
            publishAtASteadyRate(bus);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> completedPublishes.get() + failedPublishes.size() == MESSAGES);
            await().atMost(Duration.ofSeconds(60)).until(() -> handledById.size() == MESSAGES);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            log.info("Chaos run: published {} ({} failed to the caller), handled {}, deliveries {} ({} duplicates "
                            + "removed by the exactly-once middleware), switches {}, in {} ms",
                    completedPublishes.get(), failedPublishes.size(), handledById.size(), deliveries.get(),
                    deliveries.get() - handledById.size(), switchCauses, took.toMillis());

            assertThat(failedPublishes).as("publishes that failed to the caller").isEmpty();
            assertThat(handledById).hasSize(MESSAGES)
                    .allSatisfy((id, count) -> assertThat(count.get()).as("handlings of %s", id).isEqualTo(1));
            assertThat(switchCauses).contains(ActiveRegion.FAILOVER, ActiveRegion.FAILBACK);
        }
    }

    private MessagingBus bus() {
        HandlerMiddleware countDeliveries = (delivery, next) -> {
            deliveries.incrementAndGet();
            return next.handle(delivery);
        };
        return TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(SECONDARY).withAutomaticFailover(FailoverPolicy.builder()
                        .failuresBeforeFailover(2).probesBeforeFailback(2).probeInterval(Duration.ofMillis(200))
                        .minimumTimeAway(Duration.ofSeconds(1)).build()))
                .publications(p -> p.withTopic(OrderPlaced.class, t -> t.topic("chaos-orders")))
                .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.topic("chaos-orders").queue("chaos-billing")))
                .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> {
                            handledById.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
                            return HandleResult.success();
                        })
                        .withMiddleware(countDeliveries)
                        .withMiddleware(ExactlyOnceMiddleware.using(new InMemoryMessageLock())))
                .monitor(new MessageMonitor() {
                    @Override
                    public void activeRegionChanged(String from, String to, String cause) {
                        switchCauses.add(cause);
                    }
                })
                .build();
    }

    /** Starts {@code PER_TICK} publishes every tick, without waiting for them, and applies each phase on its count. */
    private void publishAtASteadyRate(MessagingBus bus) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger started = new AtomicInteger();
        try {
            ticker.scheduleAtFixedRate(() -> {
                for (int i = 0; i < PER_TICK && started.get() < MESSAGES; i++) {
                    int sequence = started.getAndIncrement();
                    phases.stream().filter(phase -> phase.afterPublished() == sequence).forEach(phase -> {
                        log.info("Chaos phase after {} publishes: {} in {}", sequence, phase.name(), PRIMARY);
                        phase.fault().accept(aws.get().region(PRIMARY).faults());
                    });
                    bus.publisher().publish(new OrderPlaced("order-" + sequence, 1)).whenComplete((result, error) -> {
                        if (error == null) {
                            completedPublishes.incrementAndGet();
                        } else {
                            failedPublishes.add(error);
                        }
                    });
                }
            }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> started.get() == MESSAGES);
        } finally {
            ticker.shutdownNow();
        }
    }
}
