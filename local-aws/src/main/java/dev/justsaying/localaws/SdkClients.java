package dev.justsaying.localaws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Ready-made AWS SDK v2 clients for the local endpoints, built once on first use and closed with the stack.
 *
 * <p>The local services accept any signature, so the clients sign with fixed placeholder credentials: they are not
 * secrets, and nothing here ever reads real credentials.
 */
final class SdkClients implements AutoCloseable {

    /** Placeholder credentials for local endpoints only (DynamoDB Local accepts letters and digits only). */
    static final AwsCredentialsProvider PLACEHOLDER_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("localaws", "localaws"));

    private final Map<Class<?>, SdkAutoCloseable> clients = new ConcurrentHashMap<>();

    /** The client of this type, built by {@code factory} the first time it is asked for. */
    <C extends SdkAutoCloseable> C get(Class<C> type, Supplier<C> factory) {
        return type.cast(clients.computeIfAbsent(type, ignored -> factory.get()));
    }

    /** A synchronous client builder pointed at {@code endpoint}, on the Apache HTTP client. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C sync(B builder, String region,
                                                                                      URI endpoint) {
        return local(builder, region, endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** An asynchronous client builder pointed at {@code endpoint}, on the Netty HTTP client. */
    static <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> C async(B builder, String region,
                                                                                       URI endpoint) {
        return local(builder, region, endpoint)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(200))
                .build();
    }

    private static <B extends AwsClientBuilder<B, C>, C> B local(B builder, String region, URI endpoint) {
        return builder.region(Region.of(region)).endpointOverride(endpoint).credentialsProvider(PLACEHOLDER_CREDENTIALS);
    }

    @Override
    public void close() {
        List<SdkAutoCloseable> open = new ArrayList<>(clients.values());
        clients.clear();
        open.forEach(SdkAutoCloseable::close);
    }
}
