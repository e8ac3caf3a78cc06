package dev.justsaying.spring;

import dev.justsaying.MessagingBus;
import dev.justsaying.spring.JustSayingProperties.RegionEndpoints;
import dev.justsaying.spring.JustSayingProperties.SubscriptionDefaults;
import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Applies the {@code justsaying.*} properties (and an optional credentials bean) to a bus builder, first of all. */
final class PropertiesCustomizer implements MessagingBusCustomizer {

    private final JustSayingProperties properties;
    private final String raisingComponent;
    private final AwsCredentialsProvider credentials;

    /**
     * @param applicationName spring.application.name, the raising component unless the properties name one (nullable)
     * @param credentials     credentials for the clients the bus builds, or null for the SDK's default chain
     */
    PropertiesCustomizer(JustSayingProperties properties, String applicationName, AwsCredentialsProvider credentials) {
        if (properties.regions().isEmpty()) {
            throw new IllegalStateException("justsaying.regions is required: name the regions, primary first, "
                    + "e.g. justsaying.regions=eu-west-1,eu-central-1");
        }
        this.properties = properties;
        this.raisingComponent = properties.raisingComponent() != null ? properties.raisingComponent() : applicationName;
        this.credentials = credentials;
    }

    @Override
    public void customize(MessagingBus.Builder builder) {
        builder.messaging(messaging -> {
            messaging.inRegion(properties.regions().get(0));
            properties.regions().stream().skip(1).forEach(messaging::withFailoverRegion);
            String activeRegion = properties.activeRegion();
            if (activeRegion != null) {
                messaging.withActiveRegion(() -> activeRegion);
            }
            if (properties.automaticFailover()) {
                messaging.withAutomaticFailover();
            }
            if (raisingComponent != null) {
                messaging.withRaisingComponent(raisingComponent);
            }
        });
        if (!properties.endpoints().isEmpty()) {
            builder.client(client -> client.withEndpoints(endpoint(RegionEndpoints::sqs),
                    endpoint(RegionEndpoints::sns)));
        }
        if (credentials != null) {
            builder.client(client -> client.withCredentials(credentials));
        }
        SubscriptionDefaults defaults = properties.subscriptionDefaults();
        if (defaults.concurrencyLimit() != null || defaults.prefetch() != null || defaults.receiveWait() != null) {
            builder.subscriptions(subscriptions -> subscriptions.withDefaults(group -> {
                if (defaults.concurrencyLimit() != null) {
                    group.concurrencyLimit(defaults.concurrencyLimit());
                }
                if (defaults.prefetch() != null) {
                    group.prefetch(defaults.prefetch());
                }
                if (defaults.receiveWait() != null) {
                    group.receiveWait(defaults.receiveWait());
                }
            }));
        }
    }

    /** The endpoint per region, null (the SDK's own) where the properties name none. */
    private Function<String, URI> endpoint(Function<RegionEndpoints, URI> service) {
        return region -> {
            RegionEndpoints endpoints = properties.endpoints().get(region);
            return endpoints == null ? null : service.apply(endpoints);
        };
    }
}
