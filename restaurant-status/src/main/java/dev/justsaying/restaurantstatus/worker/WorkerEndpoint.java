package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.BusDescription;
import dev.justsaying.MessagingBus;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code worker}: pauses and resumes the Worker's receiving from the commands queue while the
 * process runs, e.g. to hold it during an incident downstream, or to let a backlog build up and time its drain.
 * Commands already received are still carried out; queued ones wait, and the API goes on accepting. Over HTTP:
 * {@code GET /actuator/worker} (the commands group: paused, limit, in flight) and {@code POST /actuator/worker}
 * with {@code {"paused": true}} — a write, so it needs the API key.
 */
@Endpoint(id = "worker")
public final class WorkerEndpoint {

    private final MessagingBus bus;

    public WorkerEndpoint(MessagingBus bus) {
        this.bus = bus;
    }

    /** The commands subscription group as the bus describes it. */
    @ReadOperation
    public BusDescription.Group commands() {
        return bus.interrogate().groups().stream()
                .filter(group -> group.name().equals(MessagingConfiguration.COMMANDS_GROUP))
                .findFirst().orElseThrow();
    }

    /** Stops ({@code true}) or restarts ({@code false}) receiving commands; returns the group as it now is. */
    @WriteOperation
    public BusDescription.Group paused(boolean paused) {
        if (paused) {
            bus.subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP).pause();
        } else {
            bus.subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP).resume();
        }
        return commands();
    }
}
