package dev.justsaying.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class WhenATopicDeliversAcrossTheStack {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1").withoutDynamoDb();

    @Test
    void aTopicInOneRegionDeliversToAQueueInAnother() {
        LocalRegion west = aws.get().region("eu-west-1");
        LocalRegion central = aws.get().region("eu-central-1");
        String queueUrl = central.sqsClient().createQueue(b -> b.queueName("cross-region")).queueUrl();
        String topicArn = west.snsClient().createTopic(b -> b.name("orders")).topicArn();
        west.snsClient().subscribe(b -> b.topicArn(topicArn).protocol("sqs")
                .endpoint(central.queueArn("cross-region")).attributes(Map.of("RawMessageDelivery", "true")));

        west.snsClient().publish(b -> b.topicArn(topicArn).message("{\"OrderId\":42}"));

        assertThat(receiveOne(central.sqsClient(), queueUrl).body()).isEqualTo("{\"OrderId\":42}");
        // SNS counts a delivery when SQS answers, which can be just after the message is already receivable
        await().atMost(Duration.ofSeconds(5)).until(() -> west.snsDeliveryStats().delivered() >= 1);
    }

    @Test
    void anOutageTakesTheRegionsSnsDownWithItsSqs() {
        LocalRegion west = aws.get().region("eu-west-1");
        west.snsClient().createTopic(b -> b.name("during-outage"));
        SnsClient noRetries = SnsClient.builder().region(Region.EU_WEST_1).endpointOverride(west.snsEndpoint())
                .credentialsProvider(LocalAws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build();
        try (noRetries) {
            west.faults().outage();

            assertThatThrownBy(noRetries::listTopics).isInstanceOf(SdkClientException.class);

            west.faults().restore();
            assertThat(noRetries.listTopics().topics()).isNotEmpty();
        }
    }

    private static Message receiveOne(SqsClient sqs, String queueUrl) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages(),
                messages -> !messages.isEmpty()).get(0);
    }

}
