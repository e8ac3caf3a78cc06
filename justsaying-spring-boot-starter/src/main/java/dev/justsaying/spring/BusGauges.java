package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import dev.justsaying.monitoring.MicrometerMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Registers the gauges of {@link MicrometerMessageMonitor} a phase after {@link MessagingBusLifecycle}: those of each
 * region (active, healthy) always, those of each subscription group once the bus has started (its groups exist only
 * then; nothing to bind when the bus did not start with the context).
 */
final class BusGauges implements SmartLifecycle {

    private final MessagingBus bus;
    private final ObjectProvider<MicrometerMessageMonitor> metrics;
    private volatile boolean running;

    BusGauges(MessagingBus bus, ObjectProvider<MicrometerMessageMonitor> metrics) {
        this.bus = bus;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        metrics.ifUnique(monitor -> {
            monitor.bindRegions(bus);
            if (bus.interrogate().running()) {
                monitor.bindGroups(bus);
            }
        });
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
