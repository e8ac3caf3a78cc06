package dev.justsaying.ops;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * How the queue commands reach SQS: real AWS through the SDK's default credentials and region chains, or, per
 * region, an endpoint given with {@code --sqs-endpoint region=url} (a local cloud such as
 * {@code java -jar local-aws/target/local-aws.jar}), which then gets placeholder credentials. Every call is bounded:
 * a few seconds to connect, a few more for an answer.
 */
final class SqsAccess {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final StaticCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("ops", "placeholder"));

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--sqs-endpoint", paramLabel = "REGION=URL",
            description = "SQS endpoint for a region instead of AWS's (repeatable), e.g. eu-west-1=http://127.0.0.1:9324;"
                    + " such a region gets placeholder credentials")
    private Map<String, URI> endpoints = new LinkedHashMap<>();

    /** The regions asked for, else those with an endpoint given, else the SDK's default region. */
    List<String> regions(List<String> requested) {
        if (!requested.isEmpty()) {
            return requested;
        }
        if (!endpoints.isEmpty()) {
            return List.copyOf(endpoints.keySet());
        }
        return List.of(defaultRegion());
    }

    /** The region asked for, else the only region with an endpoint given, else the SDK's default region. */
    String region(String requested) {
        if (requested != null) {
            return requested;
        }
        if (endpoints.size() == 1) {
            return endpoints.keySet().iterator().next();
        }
        return defaultRegion();
    }

    /** A client for the region; the caller closes it. */
    SqsClient client(String region) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
        URI endpoint = endpoints.get(region);
        if (endpoint != null) {
            builder.endpointOverride(endpoint).credentialsProvider(PLACEHOLDER_CREDENTIALS);
        }
        return builder.build();
    }

    private String defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkClientException e) {
            throw new ParameterException(spec.commandLine(),
                    "No region: give --region/--regions, --sqs-endpoint, or set AWS_REGION");
        }
    }
}
