package dev.justsaying.restaurantstatus.messaging;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bus's settings under {@code justsaying}, named as the Spring Boot starter names them so that moving to the
 * starter changes no configuration.
 *
 * @param regions           the regions, the first the primary (subscribers poll every one)
 * @param activeRegion      where to publish; none: the primary
 * @param automaticFailover publish through the next healthy region when one fails
 * @param raisingComponent  the {@code RaisingComponent} stamped on every message
 * @param endpoints         endpoint overrides per region (the local profile points them at local-aws)
 */
@ConfigurationProperties("justsaying")
public record BusProperties(
        List<String> regions,
        String activeRegion,
        boolean automaticFailover,
        String raisingComponent,
        Map<String, Endpoints> endpoints) {

    public BusProperties {
        regions = regions == null || regions.isEmpty() ? List.of("eu-west-1") : List.copyOf(regions);
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }

    /** The SQS and SNS endpoints of one region. */
    public record Endpoints(URI sqs, URI sns) { }

    Endpoints endpointsOf(String region) {
        Endpoints found = endpoints.get(region);
        if (found == null) {
            throw new IllegalStateException("justsaying.endpoints names no endpoints for region " + region
                    + ": give every region of justsaying.regions its endpoints, or none at all");
        }
        return found;
    }
}
