package dev.justsaying.spring;

import dev.justsaying.BusDescription;
import dev.justsaying.MessagingBus;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code justsaying}: reads the bus's whole configuration ({@link MessagingBus#interrogate()}),
 * one subscription group, and changes a group's concurrency limit while the bus runs — so the limit per instance can
 * follow load without a redeploy. Over HTTP (once exposed): {@code GET /actuator/justsaying},
 * {@code GET /actuator/justsaying/{group}}, {@code POST /actuator/justsaying/{group}} with
 * {@code {"concurrencyLimit": 16}}.
 */
@Endpoint(id = "justsaying")
public final class JustSayingEndpoint {

    private final MessagingBus bus;

    public JustSayingEndpoint(MessagingBus bus) {
        this.bus = bus;
    }

    @ReadOperation
    public BusDescription describe() {
        return bus.interrogate();
    }

    /** The group of this name, or nothing (404 over HTTP). */
    @ReadOperation
    public BusDescription.Group group(@Selector String group) {
        return bus.interrogate().groups().stream().filter(described -> described.name().equals(group))
                .findFirst().orElse(null);
    }

    /** Sets the group's concurrency limit, effective at once for messages not yet started; returns the group. */
    @WriteOperation
    public BusDescription.Group concurrencyLimit(@Selector String group, int concurrencyLimit) {
        try {
            bus.subscriptionGroup(group).concurrencyLimit().setLimit(concurrencyLimit);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
        return group(group);
    }
}
