package dev.justsaying;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The {@code client} section: how the bus gets its AWS clients. Left alone, it builds them from the SDK defaults
 * (credentials from the default chain, real AWS endpoints). Point it at other endpoints (a local cloud) or hand it
 * clients of your own.
 */
public final class ClientSection {

    private AwsCredentialsProvider credentials;
    private Function<String, URI> sqsEndpoint;
    private Function<String, URI> snsEndpoint;
    private Function<String, SqsAsyncClient> sqsClients;
    private Function<String, SnsAsyncClient> snsClients;

    ClientSection() {
    }

    /** Credentials for the clients the bus builds (default: the SDK's default chain). */
    public ClientSection withCredentials(AwsCredentialsProvider provider) {
        this.credentials = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /** Endpoints per region for the clients the bus builds, e.g. a local cloud's. */
    public ClientSection withEndpoints(Function<String, URI> sqsByRegion, Function<String, URI> snsByRegion) {
        this.sqsEndpoint = Objects.requireNonNull(sqsByRegion, "sqsByRegion");
        this.snsEndpoint = Objects.requireNonNull(snsByRegion, "snsByRegion");
        return this;
    }

    /** Clients of your own per region; the bus uses them and leaves closing them to you. */
    public ClientSection withClients(Function<String, SqsAsyncClient> sqsByRegion,
                                     Function<String, SnsAsyncClient> snsByRegion) {
        this.sqsClients = Objects.requireNonNull(sqsByRegion, "sqsByRegion");
        this.snsClients = Objects.requireNonNull(snsByRegion, "snsByRegion");
        return this;
    }

    ClientFactory factory() {
        if (sqsClients != null) {
            if (credentials != null || sqsEndpoint != null) {
                throw new IllegalStateException("withClients(...) replaces withCredentials/withEndpoints: use one or the other");
            }
            return ClientFactory.supplied(sqsClients, snsClients);
        }
        return ClientFactory.defaults(credentials, sqsEndpoint, snsEndpoint);
    }
}
