package dev.justsaying.localaws;

import dev.justsaying.localaws.sns.DeliveryStats;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One region of the local cloud: its SQS and SNS endpoints, clients for them, and the faults injected into both.
 * Obtain it from {@link LocalAws#region(String)}.
 */
public final class LocalRegion {

    private final String name;
    private final String accountId;
    private final URI sqsEndpoint;
    private final URI snsEndpoint;
    private final Faults faults;
    private final SdkClients clients;
    private final Supplier<DeliveryStats> snsDeliveries;

    LocalRegion(String name, String accountId, URI sqsEndpoint, URI snsEndpoint, Faults faults, SdkClients clients,
                Supplier<DeliveryStats> snsDeliveries) {
        this.name = name;
        this.accountId = accountId;
        this.sqsEndpoint = sqsEndpoint;
        this.snsEndpoint = snsEndpoint;
        this.faults = faults;
        this.clients = clients;
        this.snsDeliveries = snsDeliveries;
    }

    /** The region's name, e.g. {@code eu-west-1}. */
    public String name() {
        return name;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public URI snsEndpoint() {
        return snsEndpoint;
    }

    /** The faults of this region; they apply to its SQS and SNS endpoints alike. */
    public Faults faults() {
        return faults;
    }

    /** What this region's SNS has delivered into queues so far: delivered, failed, pending. */
    public DeliveryStats snsDeliveryStats() {
        return snsDeliveries.get();
    }

    /** The ARN SQS gives a queue of this name in this region. */
    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + name + ":" + accountId + ":" + queueName;
    }

    /** The ARN SNS gives a topic of this name in this region. */
    public String topicArn(String topicName) {
        return "arn:aws:sns:" + name + ":" + accountId + ":" + topicName;
    }

    public SqsClient sqsClient() {
        return clients.get(SqsClient.class, () -> SdkClients.sync(SqsClient.builder(), name, sqsEndpoint));
    }

    public SqsAsyncClient sqsAsyncClient() {
        return clients.get(SqsAsyncClient.class, () -> SdkClients.async(SqsAsyncClient.builder(), name, sqsEndpoint));
    }

    public SnsClient snsClient() {
        return clients.get(SnsClient.class, () -> SdkClients.sync(SnsClient.builder(), name, snsEndpoint));
    }

    public SnsAsyncClient snsAsyncClient() {
        return clients.get(SnsAsyncClient.class, () -> SdkClients.async(SnsAsyncClient.builder(), name, snsEndpoint));
    }

    List<Endpoint> endpoints() {
        return List.of(new Endpoint(name, "sqs", sqsEndpoint), new Endpoint(name, "sns", snsEndpoint));
    }

    @Override
    public String toString() {
        return "LocalRegion[" + name + ", sqs=" + sqsEndpoint + ", sns=" + snsEndpoint + "]";
    }
}
