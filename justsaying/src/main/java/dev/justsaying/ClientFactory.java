package dev.justsaying;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The AWS clients the bus uses, one SQS and one SNS client per region, built when the bus starts. By default they
 * use the SDK's defaults: credentials from the default chain, the real AWS endpoints. Clients the bus builds it also
 * closes; clients supplied by the caller are the caller's to close.
 */
public final class ClientFactory {

    private final Function<String, SqsAsyncClient> sqsSupplier;
    private final Function<String, SnsAsyncClient> snsSupplier;
    private final boolean owned;
    private final Map<String, SqsAsyncClient> sqs = new ConcurrentHashMap<>();
    private final Map<String, SnsAsyncClient> sns = new ConcurrentHashMap<>();

    private ClientFactory(Function<String, SqsAsyncClient> sqsSupplier, Function<String, SnsAsyncClient> snsSupplier,
                          boolean owned) {
        this.sqsSupplier = sqsSupplier;
        this.snsSupplier = snsSupplier;
        this.owned = owned;
    }

    /** Clients from the SDK defaults, optionally with other credentials and an endpoint per region. */
    static ClientFactory defaults(AwsCredentialsProvider credentials, Function<String, URI> sqsEndpoint,
                                  Function<String, URI> snsEndpoint) {
        AwsCredentialsProvider provider = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        return new ClientFactory(region -> {
            SqsAsyncClientBuilder builder = SqsAsyncClient.builder().region(Region.of(region)).credentialsProvider(provider);
            URI endpoint = sqsEndpoint == null ? null : sqsEndpoint.apply(region);
            return (endpoint == null ? builder : builder.endpointOverride(endpoint)).build();
        }, region -> {
            SnsAsyncClientBuilder builder = SnsAsyncClient.builder().region(Region.of(region)).credentialsProvider(provider);
            URI endpoint = snsEndpoint == null ? null : snsEndpoint.apply(region);
            return (endpoint == null ? builder : builder.endpointOverride(endpoint)).build();
        }, true);
    }

    /** Clients the caller supplies per region (and closes). */
    static ClientFactory supplied(Function<String, SqsAsyncClient> sqs, Function<String, SnsAsyncClient> sns) {
        return new ClientFactory(Objects.requireNonNull(sqs, "sqs"), Objects.requireNonNull(sns, "sns"), false);
    }

    SqsAsyncClient sqs(String region) {
        return sqs.computeIfAbsent(region, sqsSupplier);
    }

    SnsAsyncClient sns(String region) {
        return sns.computeIfAbsent(region, snsSupplier);
    }

    void close() {
        if (owned) {
            sqs.values().forEach(SqsAsyncClient::close);
            sns.values().forEach(SnsAsyncClient::close);
        }
        sqs.clear();
        sns.clear();
    }
}
