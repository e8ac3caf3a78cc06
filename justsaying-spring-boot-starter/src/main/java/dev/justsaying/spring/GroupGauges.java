package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import dev.justsaying.monitoring.MicrometerMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Registers the per-group gauges of {@link MicrometerMessageMonitor} once the bus has started (its groups exist only
 * then): a phase after {@link MessagingBusLifecycle}. Nothing to do when the bus did not start with the context.
 */
final class GroupGauges implements SmartLifecycle {

    private final MessagingBus bus;
    private final ObjectProvider<MicrometerMessageMonitor> metrics;
    private volatile boolean running;

    GroupGauges(MessagingBus bus, ObjectProvider<MicrometerMessageMonitor> metrics) {
        this.bus = bus;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        if (bus.interrogate().running()) {
            metrics.ifUnique(monitor -> monitor.bindGroups(bus));
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return MessagingBusLifecycle.PHASE + 1;
    }
}
