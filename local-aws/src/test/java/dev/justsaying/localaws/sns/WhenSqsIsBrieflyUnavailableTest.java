package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ThrottledException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A region of its own, whose SQS the SNS endpoint reaches through a proxy that is cut while deliveries are due. */
class WhenSqsIsBrieflyUnavailableTest {

    private static final String REGION = TwoRegionStack.PRIMARY;
    private static final String QUEUE = "comes-back";

    private SQSRestServer elasticMq;
    private SwitchableTcpProxy proxy;
    private SqsAsyncClient throughProxy;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void startSqsBehindAProxy() {
        int sqsPort = TwoRegionStack.freePort();
        elasticMq = TwoRegionStack.startElasticMq(REGION, sqsPort);
        proxy = new SwitchableTcpProxy(sqsPort);
        throughProxy = SqsAsyncClient.builder().region(Region.of(REGION)).credentialsProvider(TwoRegionStack.CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.port())).build();
        sqs = SqsClient.builder().region(Region.of(REGION)).credentialsProvider(TwoRegionStack.CREDENTIALS)
                .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort)).build();
        queueUrl = sqs.createQueue(request -> request.queueName(QUEUE)).queueUrl();
    }

    @AfterEach
    void stop() throws Exception {
        try (SqsClient closingSqs = sqs; SqsAsyncClient closingAsync = throughProxy; SwitchableTcpProxy closingProxy = proxy) {
            elasticMq.stopAndWait();
        }
    }

    private SnsServer startSns(SqsDelivery.Limits limits) {
        return SnsServer.start(REGION, TwoRegionStack.ACCOUNT, 0,
                region -> Optional.of(throughProxy).filter(client -> region.equals(REGION)), limits);
    }

    private static String subscribedTopic(SnsClient sns) {
        String topicArn = sns.createTopic(request -> request.name("resilient")).topicArn();
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs")
                .endpoint("arn:aws:sqs:" + REGION + ":" + TwoRegionStack.ACCOUNT + ":" + QUEUE)
                .attributes(Map.of("RawMessageDelivery", "true")));
        return topicArn;
    }

    @Test
    void theDeliveryIsRetriedUntilTheQueueAnswersAgain() {
        try (SnsServer server = startSns(SqsDelivery.Limits.DEFAULT); SnsClient sns = TwoRegionStack.snsClient(server, REGION)) {
            String topicArn = subscribedTopic(sns);

            proxy.cut();
            sns.publish(request -> request.topicArn(topicArn).message("survives the outage"));
            assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(0, 0, 1));

            proxy.restore();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(1, 0, 0)));
            assertThat(sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                    .extracting(Message::body).containsExactly("survives the outage");
        }
    }

    @Test
    void publishesAreThrottledWhileTooManyDeliveriesAreBehind() {
        try (SnsServer server = startSns(new SqsDelivery.Limits(3, 1024 * 1024));
             SnsClient sns = TwoRegionStack.snsClient(server, REGION)) {
            String topicArn = subscribedTopic(sns);
            proxy.cut();
            for (int i = 0; i < 3; i++) {
                sns.publish(request -> request.topicArn(topicArn).message("waits"));
            }

            assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("one too many")))
                    .isInstanceOfSatisfying(ThrottledException.class, error -> {
                        assertThat(error.statusCode()).isEqualTo(429);
                        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("Throttled");
                    });

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(3, 0, 0)));
            sns.publish(request -> request.topicArn(topicArn).message("accepted again"));
        }
    }
}
