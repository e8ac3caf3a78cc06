package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A region of its own, whose SQS the SNS endpoint reaches through a proxy that is cut while a delivery is due. */
class WhenSqsIsBrieflyUnavailableTest {

    private static final String REGION = TwoRegionStack.PRIMARY;
    private static final String QUEUE = "comes-back";

    @Test
    void theDeliveryIsRetriedUntilTheQueueAnswersAgain() throws Exception {
        int sqsPort = TwoRegionStack.freePort();
        SQSRestServer elasticMq = TwoRegionStack.startElasticMq(REGION, sqsPort);
        try (SwitchableTcpProxy proxy = new SwitchableTcpProxy(sqsPort);
             SqsAsyncClient throughProxy = SqsAsyncClient.builder().region(Region.of(REGION))
                     .credentialsProvider(TwoRegionStack.CREDENTIALS)
                     .endpointOverride(URI.create("http://127.0.0.1:" + proxy.port())).build();
             SqsClient sqs = SqsClient.builder().region(Region.of(REGION)).credentialsProvider(TwoRegionStack.CREDENTIALS)
                     .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort)).build();
             SnsServer server = SnsServer.start(REGION, TwoRegionStack.ACCOUNT, 0,
                     region -> Optional.of(throughProxy).filter(client -> region.equals(REGION)));
             SnsClient sns = TwoRegionStack.snsClient(server, REGION)) {
            String queueUrl = sqs.createQueue(request -> request.queueName(QUEUE)).queueUrl();
            String topicArn = sns.createTopic(request -> request.name("resilient")).topicArn();
            sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs")
                    .endpoint("arn:aws:sqs:" + REGION + ":" + TwoRegionStack.ACCOUNT + ":" + QUEUE)
                    .attributes(Map.of("RawMessageDelivery", "true")));

            proxy.cut();
            sns.publish(request -> request.topicArn(topicArn).message("survives the outage"));
            assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(0, 0, 1));

            proxy.restore();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(1, 0, 0)));
            assertThat(sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                    .extracting(Message::body).containsExactly("survives the outage");
        } finally {
            elasticMq.stopAndWait();
        }
    }
}
