package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the bus with the application context and stops it (draining handlers in flight) when the context closes.
 * Its phase is late: the bus starts after the embedded web server is up (so health and actuator answer while the
 * bus sets up its queues) and stops before the web server's graceful shutdown begins. Closing the clients is left to
 * the bus bean's own {@code close()}, which Spring calls when it destroys the bean.
 */
final class MessagingBusLifecycle implements SmartLifecycle {

    /** After the web server starts ({@code DEFAULT_PHASE - 2048}), before its graceful shutdown ({@code - 1024}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final MessagingBus bus;
    private final boolean autoStartup;
    private final Duration drainTimeout;

    MessagingBusLifecycle(MessagingBus bus, boolean autoStartup, Duration drainTimeout) {
        this.bus = bus;
        this.autoStartup = autoStartup;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void start() {
        bus.start().join();
    }

    @Override
    public void stop() {
        bus.stop(drainTimeout);
    }

    @Override
    public boolean isRunning() {
        return bus.interrogate().running();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
