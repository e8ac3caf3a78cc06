package dev.justsaying.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code justsaying.*} properties: what of a bus can be said in configuration — regions, failover, endpoints,
 * subscription defaults and start-up. Everything else (publications, subscriptions, middleware) is declared in code
 * through {@link MessagingBusCustomizer} beans. Checked when bound, so a mistake stops the application at start-up
 * with the property to fix; the regions are required only when the auto-configured bus is built from them.
 *
 * @param regions              the regions, primary first (required for the auto-configured bus)
 * @param activeRegion         a fixed region to publish to (default: the primary)
 * @param automaticFailover    whether publishing moves off a failing region by itself, with the library's defaults
 * @param raisingComponent     the {@code RaisingComponent} of published messages (default: spring.application.name)
 * @param endpoints            SQS and SNS endpoint overrides per region (default: the AWS SDK's endpoints)
 * @param subscriptionDefaults settings every subscription group starts from
 * @param startOnStartup       whether the bus starts with the application context (default true)
 * @param drainTimeout         how long stopping waits for handlers in flight (default 30 s)
 */
@ConfigurationProperties("justsaying")
public record JustSayingProperties(
        List<String> regions,
        String activeRegion,
        boolean automaticFailover,
        String raisingComponent,
        Map<String, RegionEndpoints> endpoints,
        SubscriptionDefaults subscriptionDefaults,
        @DefaultValue("true") boolean startOnStartup,
        @DefaultValue("30s") Duration drainTimeout) {

    public JustSayingProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        if (activeRegion != null && !regions.contains(activeRegion)) {
            throw new IllegalArgumentException("justsaying.active-region " + activeRegion
                    + " is not one of justsaying.regions " + regions);
        }
        endpoints = endpoints == null ? Map.of() : new LinkedHashMap<>(endpoints);
        Set<String> unknown = new TreeSet<>(endpoints.keySet());
        unknown.removeAll(regions);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("justsaying.endpoints names regions " + unknown
                    + " that are not in justsaying.regions " + regions);
        }
        endpoints = Map.copyOf(endpoints);
        subscriptionDefaults = subscriptionDefaults == null
                ? new SubscriptionDefaults(null, null, null) : subscriptionDefaults;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    }

    /**
     * Endpoint overrides of one region, e.g. a local cloud's; a missing one keeps the AWS SDK's endpoint.
     *
     * @param sqs the SQS endpoint
     * @param sns the SNS endpoint
     */
    public record RegionEndpoints(URI sqs, URI sns) {
    }

    /**
     * Settings applied to every subscription group before its own; unset ones keep the library's defaults.
     *
     * @param concurrencyLimit messages of a group handled at once
     * @param prefetch         messages one receive asks for (1–10)
     * @param receiveWait      how long a receive waits for messages (0–20 s)
     */
    public record SubscriptionDefaults(Integer concurrencyLimit, Integer prefetch, Duration receiveWait) {
    }
}
