package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenEachRegionIsSetUp {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1")
            .withoutDynamoDb();

    private record Wired(LocalRegion region, ResolvedTopic topic, ResolvedQueue queue) {
    }

    private Wired wire(String regionName) {
        LocalRegion region = aws.get().region(regionName);
        RegionInfrastructure infrastructure = new RegionInfrastructure(regionName, region.sqsAsyncClient(),
                region.snsAsyncClient());
        ResolvedTopic topic = result(infrastructure.topic(TopicAddress.of("restaurantstatuschanged"),
                TopicSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));
        ResolvedQueue queue = result(infrastructure.queue(QueueAddress.of("dashboard-restaurantstatuschanged"),
                QueueSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));
        result(infrastructure.subscribe(topic, queue, SubscriptionSettings.defaults().withRawMessageDelivery(true),
                InfrastructureMode.CREATE_IF_MISSING));
        return new Wired(region, topic, queue);
    }

    @Test
    void eachRegionHasItsOwnTopicQueueAndSubscription() {
        Wired west = wire("eu-west-1");
        Wired central = wire("eu-central-1");

        assertThat(west.topic().arn()).isEqualTo(west.region().topicArn("restaurantstatuschanged"))
                .isNotEqualTo(central.topic().arn());
        assertThat(central.queue().arn()).isEqualTo(central.region().queueArn("dashboard-restaurantstatuschanged"));
        assertThat(central.queue().errorQueue()).map(ResolvedQueue::region).contains("eu-central-1");

        central.region().snsClient().publish(r -> r.topicArn(central.topic().arn()).message("from central"));

        await().atMost(Duration.ofSeconds(20)).until(() -> central.region().sqsClient().receiveMessage(r -> r
                .queueUrl(central.queue().url()).waitTimeSeconds(1)).messages().stream()
                .anyMatch(message -> message.body().equals("from central")));
        assertThat(west.region().sqsClient().receiveMessage(r -> r.queueUrl(west.queue().url())).messages())
                .as("the other region's queue").isEmpty();
    }
}
