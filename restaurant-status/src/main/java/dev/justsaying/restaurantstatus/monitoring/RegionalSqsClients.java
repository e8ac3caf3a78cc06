package dev.justsaying.restaurantstatus.monitoring;

import dev.justsaying.spring.JustSayingProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * SQS clients of their own, one per region of the bus, built like the bus's (its regions, endpoint overrides and
 * credentials), for the parts of the service that look at queues from the outside: the depth poller, the dashboard.
 */
public final class RegionalSqsClients {

    private RegionalSqsClients() {
    }

    /** A new client per region, in the bus's order; the caller closes them. */
    public static Map<String, SqsClient> create(JustSayingProperties bus, AwsCredentialsProvider credentials) {
        Map<String, SqsClient> sqsByRegion = new LinkedHashMap<>();
        for (String region : bus.regions()) {
            SqsClientBuilder builder = SqsClient.builder().region(Region.of(region)).credentialsProvider(credentials);
            JustSayingProperties.RegionEndpoints endpoints = bus.endpoints().get(region);
            if (endpoints != null && endpoints.sqs() != null) {
                builder.endpointOverride(endpoints.sqs());
            }
            sqsByRegion.put(region, builder.build());
        }
        return sqsByRegion;
    }
}
