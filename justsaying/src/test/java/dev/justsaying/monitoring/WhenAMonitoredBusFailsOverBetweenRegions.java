package dev.justsaying.monitoring;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.justsaying.MessagingBus;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.Messages.OrderPlaced;
import dev.justsaying.region.ActiveRegion;
import dev.justsaying.region.FailoverPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The region gauges and the switch counter of a real bus on two local regions, through an outage of the primary and
 * its recovery; the description and the log say the same.
 */
class WhenAMonitoredBusFailsOverBetweenRegions {

    static final String PRIMARY = "eu-west-1";
    static final String FAILOVER = "eu-central-1";

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions(PRIMARY, FAILOVER).withoutDynamoDb();

    static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static final MicrometerMessageMonitor monitor = new MicrometerMessageMonitor(registry);
    static final ListAppender<ILoggingEvent> switchLog = new ListAppender<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        switchLog.start();
        ((Logger) LoggerFactory.getLogger(ActiveRegion.class)).addAppender(switchLog);
        bus = TestBus.on(aws.get())
                .messaging(m -> m.withFailoverRegion(FAILOVER).withAutomaticFailover(FailoverPolicy.builder()
                        .failuresBeforeFailover(2).probesBeforeFailback(2).probeInterval(Duration.ofMillis(200))
                        .minimumTimeAway(Duration.ofSeconds(1)).build()))
                .publications(p -> p.withTopic(OrderPlaced.class, t -> t.topic("monitored-orders")))
                .monitor(monitor)
                .build();
        monitor.bindRegions(bus);
        bus.start().join();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
        ((Logger) LoggerFactory.getLogger(ActiveRegion.class)).detachAppender(switchLog);
    }

    @Test
    void theGaugesFollowTheActiveRegionAndHealthAndEverySwitchIsCountedAndLoggedOnceWithItsCause() {
        assertThat(regionGauges()).as("before the outage").containsExactly(1.0, 1.0, 0.0, 1.0);
        assertThat(switches()).isZero();

        aws.get().region(PRIMARY).faults().outage();
        publish("during-1");
        publish("during-2");

        assertThat(regionGauges()).as("primary down").containsExactly(0.0, 0.0, 1.0, 1.0);
        assertThat(switchCount(PRIMARY, FAILOVER, ActiveRegion.FAILOVER)).isEqualTo(1);
        assertThat(bus.interrogate().activeRegion()).isEqualTo(FAILOVER);
        assertThat(bus.interrogate().regionHealth()).containsEntry(PRIMARY, false).containsEntry(FAILOVER, true);

        aws.get().region(PRIMARY).faults().restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("justsaying.region.healthy")
                .tag("region", PRIMARY).gauge().value() == 1.0);
        publish("after");

        assertThat(regionGauges()).as("primary back").containsExactly(1.0, 1.0, 0.0, 1.0);
        assertThat(switchCount(FAILOVER, PRIMARY, ActiveRegion.FAILBACK)).isEqualTo(1);
        assertThat(switches()).isEqualTo(2);
        assertThat(switchLog.list).map(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.startsWith("The active region moves"))
                .containsExactly(
                        "The active region moves from eu-west-1 to eu-central-1 (failover): eu-west-1 is unhealthy",
                        "The active region moves from eu-central-1 to eu-west-1 (failback): "
                                + "eu-west-1 is healthy again");
    }

    private static void publish(String orderId) {
        assertThat(bus.publisher().publish(new OrderPlaced(orderId)).join().region()).isNotBlank();
    }

    /** Active and healthy of the primary, then of the failover region. */
    private static List<Double> regionGauges() {
        return List.of(gauge("justsaying.region.active", PRIMARY), gauge("justsaying.region.healthy", PRIMARY),
                gauge("justsaying.region.active", FAILOVER), gauge("justsaying.region.healthy", FAILOVER));
    }

    private static double gauge(String name, String region) {
        return registry.get(name).tag("region", region).gauge().value();
    }

    private static double switchCount(String from, String to, String cause) {
        return registry.get("justsaying.region.switches").tag("from", from).tag("to", to).tag("cause", cause)
                .counter().count();
    }

    private static double switches() {
        return registry.find("justsaying.region.switches").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
