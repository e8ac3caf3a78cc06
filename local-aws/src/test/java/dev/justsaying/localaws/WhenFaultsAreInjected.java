package dev.justsaying.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

class WhenFaultsAreInjected {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1");

    @BeforeAll
    static void createQueues() {
        aws.get().regions().forEach(region -> region.sqsClient().createQueue(b -> b.queueName("work")));
    }

    @Test
    void anOutageRefusesConnectionsUntilRestored() {
        LocalRegion west = aws.get().region("eu-west-1");
        SqsClient sqs = clientWithoutRetries(west, Duration.ofSeconds(5));

        west.faults().outage();

        assertThatThrownBy(() -> sqs.listQueues())
                .isInstanceOf(SdkClientException.class)
                .hasStackTraceContaining("Connection refused");

        west.faults().restore();
        assertThat(sqs.listQueues().queueUrls()).anySatisfy(url -> assertThat(url).endsWith("/work"));
    }

    @Test
    void anOutageInOneRegionLeavesTheOtherServing() {
        aws.get().region("eu-west-1").faults().outage();

        SqsClient central = aws.get().region("eu-central-1").sqsClient();
        assertThat(central.listQueues().queueUrls()).hasSize(1);
    }

    @Test
    void theQueuesOfARegionSurviveItsOutage() {
        LocalRegion central = aws.get().region("eu-central-1");
        String url = central.sqsClient().getQueueUrl(b -> b.queueName("work")).queueUrl();
        central.sqsClient().sendMessage(b -> b.queueUrl(url).messageBody("kept"));

        central.faults().outage();
        central.faults().restore();

        assertThat(central.sqsClient().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages())
                .singleElement().satisfies(message -> assertThat(message.body()).isEqualTo("kept"));
    }

    @Test
    void anErrorRateAnswersWithAnAwsShapedInternalFailure() {
        LocalRegion west = aws.get().region("eu-west-1");
        SqsClient sqs = clientWithoutRetries(west, Duration.ofSeconds(5));

        west.faults().errorRate(1.0);

        assertThatThrownBy(sqs::listQueues)
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                });
        west.faults().restore();
        assertThat(sqs.listQueues().queueUrls()).isNotEmpty();
    }

    @Test
    void addedLatencyOutlastsAShortAttemptTimeout() {
        LocalRegion west = aws.get().region("eu-west-1");
        SqsClient impatient = clientWithoutRetries(west, Duration.ofMillis(300));

        west.faults().latency(Duration.ofSeconds(3));

        assertThatThrownBy(impatient::listQueues).isInstanceOf(ApiCallAttemptTimeoutException.class);
        west.faults().restore();
        assertThat(west.sqsClient().listQueues().queueUrls()).isNotEmpty();
    }

    @Test
    void dynamoDbHasFaultsOfItsOwn() {
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(Region.EU_WEST_1).endpointOverride(aws.get().dynamoDbEndpoint())
                .credentialsProvider(LocalAws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        try (dynamo) {
            aws.get().dynamoDbFaults().errorRate(1.0);

            assertThatThrownBy(dynamo::listTables)
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThat(aws.get().region("eu-west-1").sqsClient().listQueues().queueUrls()).isNotEmpty();

            aws.get().dynamoDbFaults().restore();
            assertThat(dynamo.listTables().tableNames()).isNotNull();
        }
    }

    @Test
    void faultsRejectImpossibleSettings() {
        Faults faults = aws.get().region("eu-west-1").faults();
        assertThatThrownBy(() -> faults.errorRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static SqsClient clientWithoutRetries(LocalRegion region, Duration attemptTimeout) {
        return SqsClient.builder()
                .region(Region.of(region.name())).endpointOverride(region.sqsEndpoint())
                .credentialsProvider(LocalAws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)).apiCallAttemptTimeout(attemptTimeout))
                .build();
    }
}
