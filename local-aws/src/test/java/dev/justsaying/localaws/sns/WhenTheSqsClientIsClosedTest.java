package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Deliveries through an SQS client that was closed under the endpoint (as when a stack shuts down out of order). */
class WhenTheSqsClientIsClosedTest {

    @Test
    void everyMessageCountsAsFailedAndTheEndpointKeepsServing() {
        URI nowhere = URI.create("http://127.0.0.1:" + TwoRegionStack.freePort());
        SqsAsyncClient closed = SqsAsyncClient.builder().region(Region.EU_WEST_1).credentialsProvider(TwoRegionStack.CREDENTIALS)
                .endpointOverride(nowhere).build();
        closed.close();
        try (SnsServer server = SnsServer.start("eu-west-1", TwoRegionStack.ACCOUNT, 0, region -> Optional.of(closed));
             SnsClient sns = TwoRegionStack.snsClient(server, "eu-west-1")) {
            String topicArn = sns.createTopic(request -> request.name("into-the-void")).topicArn();
            sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint("arn:aws:sqs:eu-west-1:000000000000:void"));
            List<PublishBatchRequestEntry> entries = IntStream.range(0, 10)
                    .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("m" + i).build()).toList();

            for (int batch = 0; batch < 100; batch++) {
                sns.publishBatch(request -> request.topicArn(topicArn).publishBatchRequestEntries(entries));
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(server.deliveryStats()).isEqualTo(new DeliveryStats(0, 1_000, 0)));
            assertThat(sns.listTopics().topics()).hasSize(1);
        }
    }
}
