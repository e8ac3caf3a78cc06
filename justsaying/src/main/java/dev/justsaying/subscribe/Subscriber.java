package dev.justsaying.subscribe;

import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.wire.MessageSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The reading side of a bus: its subscription groups and what they share — how messages are read, acknowledged
 * and sent to error queues.
 */
public final class Subscriber {

    private final List<SubscriptionGroup> groups;
    private final MessageProcessor processor;
    private final MessageMonitor monitor;
    private final RegionSelection regions;

    public Subscriber(List<SubscriptionGroup> groups, MessageSerializer serializer, MessageMonitor monitor,
                      RegionSelection regions) {
        this.groups = List.copyOf(groups);
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.regions = Objects.requireNonNull(regions, "regions");
        this.processor = new MessageProcessor(serializer, new ErrorQueueSender(monitor));
    }

    public List<SubscriptionGroup> groups() {
        return groups;
    }

    /** Starts every group's pollers and dispatcher; handlers run on {@code handlers}. */
    public void start(Executor handlers) {
        groups.forEach(group -> group.start(processor, monitor, handlers, regions));
    }

    /** Stops every group (see {@link SubscriptionGroup#stop}); whether all in-flight work finished in time. */
    public boolean stop(Duration drainTimeout) {
        boolean drained = true;
        for (SubscriptionGroup group : groups) {
            drained &= group.stop(drainTimeout);
        }
        return drained;
    }
}
