package dev.justsaying.monitoring;

import dev.justsaying.BusDescription;
import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.subscribe.SubscriptionGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Records what the bus does as Micrometer meters, so a dashboard can show throughput, latency percentiles, failures
 * and back-pressure per message type, queue and region:
 *
 * <ul>
 *   <li>timers {@code justsaying.handle} (type, queue, region, outcome), {@code justsaying.receive} (queue, region),
 *       {@code justsaying.publish} (type, destination, region, outcome), {@code justsaying.throttled} (queue, region),
 *       each with a percentile histogram;</li>
 *   <li>counters {@code justsaying.received.messages} (queue, region), {@code justsaying.receive.failures} (queue,
 *       region, exception), {@code justsaying.error.queue} (type, queue, region) and
 *       {@code justsaying.region.switches} (from, to, cause: failover, failback or preferred-region-changed);</li>
 *   <li>after {@link #bindRegions(MessagingBus)}, gauges per configured region (tag region):
 *       {@code justsaying.region.active} (1 for the region publishing goes to, else 0) and
 *       {@code justsaying.region.healthy} (1 while publishing considers it healthy, else 0);</li>
 *   <li>after {@link #bindGroups(MessagingBus)}, gauges per subscription group (tag group):
 *       {@code justsaying.group.concurrency.limit}, {@code justsaying.group.in.flight},
 *       {@code justsaying.group.buffered} and {@code justsaying.group.paused} (1 when paused).</li>
 * </ul>
 *
 * Outcomes are {@code success} or {@code failure}. Tags stay few: message ids and failure reasons never become tags.
 *
 * <pre>{@code
 * MicrometerMessageMonitor metrics = new MicrometerMessageMonitor(registry);
 * MessagingBus bus = MessagingBus.builder()...monitor(metrics).build();
 * metrics.bindRegions(bus);
 * bus.start().join();
 * metrics.bindGroups(bus);
 * }</pre>
 */
public final class MicrometerMessageMonitor implements MessageMonitor {

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Meters<Timer> handleTimes;
    private final Meters<Timer> messageAges;
    private final Meters<Timer> receiveTimes;
    private final Meters<Timer> publishTimes;
    private final Meters<Timer> throttledTimes;
    private final Meters<Counter> receivedMessages;
    private final Meters<Counter> receiveFailures;
    private final Meters<Counter> errorQueueMessages;
    private final Meters<Counter> regionSwitches;

    public MicrometerMessageMonitor(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        handleTimes = timers("justsaying.handle", "Time to handle a message, middleware included",
                "type", "queue", "region", "outcome");
        messageAges = timers("justsaying.message.age",
                "Age of a message when its handler starts, from SQS's SentTimestamp (its _max: the oldest lately)",
                "type", "queue", "region");
        receiveTimes = timers("justsaying.receive", "Time of one receive call, its long-poll wait included",
                "queue", "region");
        publishTimes = timers("justsaying.publish", "Time to publish a message, retries included",
                "type", "destination", "region", "outcome");
        throttledTimes = timers("justsaying.throttled",
                "Time received messages waited for their group's concurrency limit", "queue", "region");
        receivedMessages = counters("justsaying.received.messages", "Messages received", "queue", "region");
        receiveFailures = counters("justsaying.receive.failures", "Receive calls that failed",
                "queue", "region", "exception");
        errorQueueMessages = counters("justsaying.error.queue", "Messages moved to their error queue",
                "type", "queue", "region");
        regionSwitches = counters("justsaying.region.switches", "Times publishing moved from one region to another",
                "from", "to", "cause");
    }

    @Override
    public void received(String queue, String region, int messages, Duration time) {
        receiveTimes.tagged(queue, region).record(time);
        if (messages > 0) {
            receivedMessages.tagged(queue, region).increment(messages);
        }
    }

    @Override
    public void receiveFailed(String queue, String region, Throwable cause) {
        receiveFailures.tagged(queue, region, exceptionName(cause)).increment();
    }

    @Override
    public void handling(String type, String queue, String region, Duration age) {
        messageAges.tagged(type, queue, region).record(age);
    }

    @Override
    public void handled(String type, String queue, String region, Duration time, HandleResult result) {
        handleTimes.tagged(type, queue, region, outcome(result.isSuccess())).record(time);
    }

    @Override
    public void throttled(String queue, String region, Duration time) {
        throttledTimes.tagged(queue, region).record(time);
    }

    @Override
    public void published(String type, String destination, String region, Duration time, boolean success) {
        publishTimes.tagged(type, destination, region, outcome(success)).record(time);
    }

    @Override
    public void sentToErrorQueue(String type, String queue, String region, String reason) {
        errorQueueMessages.tagged(type, queue, region).increment();
    }

    @Override
    public void activeRegionChanged(String from, String to, String cause) {
        regionSwitches.tagged(from, to, cause).increment();
    }

    /**
     * Registers the gauges of every configured region of {@code bus}, before or after it starts: which region
     * publishing goes to, and whether each is healthy. Each gauge reads the bus when scraped, so it needs no event to
     * be right from the start (reading the active region asks the active-region supplier, as a publish does). The bus
     * is held weakly: the gauges do not keep it alive.
     */
    public void bindRegions(MessagingBus bus) {
        Objects.requireNonNull(bus, "bus");
        for (String region : bus.interrogate().regions()) {
            regionGauge(bus, region, "justsaying.region.active", "1 for the region publishing goes to, else 0",
                    described -> described.activeRegion().equals(region));
            regionGauge(bus, region, "justsaying.region.healthy", "1 while publishing considers the region healthy, else 0",
                    described -> described.regionHealth().getOrDefault(region, false));
        }
    }

    private void regionGauge(MessagingBus bus, String region, String name, String description,
                             Predicate<BusDescription> value) {
        Gauge.builder(name, bus, running -> value.test(running.interrogate()) ? 1 : 0)
                .description(description)
                .tag("region", region)
                .register(registry);
    }

    /**
     * Registers the gauges of every subscription group of {@code bus}, which must be running (its groups exist once
     * it has started). Each gauge reads its group through the bus when scraped, so it follows a concurrency limit
     * changed at run time and a bus started again; it reads NaN while the group is not running. The bus is held
     * weakly: the gauges do not keep it alive.
     */
    public void bindGroups(MessagingBus bus) {
        Objects.requireNonNull(bus, "bus");
        if (!bus.interrogate().running()) {
            throw new IllegalStateException("bind the group gauges once the bus has started: its groups exist then");
        }
        for (SubscriptionGroup group : bus.subscriptionGroups()) {
            String name = group.name();
            groupGauge(bus, name, "justsaying.group.concurrency.limit", "Messages the group may handle at once",
                    running -> running.concurrencyLimit().limit());
            groupGauge(bus, name, "justsaying.group.in.flight", "Messages the group is handling now",
                    running -> running.concurrencyLimit().inFlight());
            groupGauge(bus, name, "justsaying.group.buffered", "Messages received and waiting for a handler",
                    SubscriptionGroup::buffered);
            groupGauge(bus, name, "justsaying.group.paused", "1 while the group's receiving is paused, else 0",
                    running -> running.isPaused() ? 1 : 0);
        }
    }

    private void groupGauge(MessagingBus bus, String group, String name, String description,
                            ToDoubleFunction<SubscriptionGroup> value) {
        Gauge.builder(name, bus, running -> running.subscriptionGroups().stream()
                        .filter(candidate -> candidate.name().equals(group))
                        .findFirst()
                        .map(value::applyAsDouble)
                        .orElse(Double.NaN))
                .description(description)
                .tag("group", group)
                .register(registry);
    }

    private Meters<Timer> timers(String name, String description, String... tagKeys) {
        return new Meters<>(tagKeys, tags -> Timer.builder(name).description(description).tags(tags)
                .publishPercentileHistogram().register(registry));
    }

    private Meters<Counter> counters(String name, String description, String... tagKeys) {
        return new Meters<>(tagKeys, tags -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }

    private static String outcome(boolean success) {
        return success ? "success" : "failure";
    }

    /** The simple class name of the exception behind {@code cause}, past the wrappers of asynchronous calls. */
    private static String exceptionName(Throwable cause) {
        Throwable actual = cause;
        while ((actual instanceof CompletionException || actual instanceof ExecutionException)
                && actual.getCause() != null) {
            actual = actual.getCause();
        }
        if (actual == null) {
            return UNKNOWN;
        }
        String simpleName = actual.getClass().getSimpleName();
        return simpleName.isEmpty() ? actual.getClass().getName() : simpleName;
    }

    /**
     * The meters of one name, one per combination of tag values, built once and then reused: the hot path looks a
     * meter up instead of building its tags and id again. A missing tag value reads {@code unknown}.
     */
    private static final class Meters<M extends Meter> {
        private final String[] tagKeys;
        private final Function<Tags, M> register;
        private final ConcurrentMap<List<String>, M> byTagValues = new ConcurrentHashMap<>();

        Meters(String[] tagKeys, Function<Tags, M> register) {
            this.tagKeys = tagKeys;
            this.register = register;
        }

        M tagged(String... tagValues) {
            for (int i = 0; i < tagValues.length; i++) {
                if (tagValues[i] == null) {
                    tagValues[i] = UNKNOWN;
                }
            }
            return byTagValues.computeIfAbsent(Arrays.asList(tagValues), this::registerFor);
        }

        private M registerFor(List<String> tagValues) {
            Tags tags = Tags.empty();
            for (int i = 0; i < tagKeys.length; i++) {
                tags = tags.and(tagKeys[i], tagValues.get(i));
            }
            return register.apply(tags);
        }
    }
}
