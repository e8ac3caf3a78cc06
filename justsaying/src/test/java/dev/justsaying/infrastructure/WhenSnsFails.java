package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

class WhenSnsFails {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void aFailedCreateNamesTheActionTheTopicTheRegionAndTheMode() {
        region().faults().errorRate(1.0);

        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("orderplaced"),
                TopicSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageStartingWith("sns:CreateTopic on topic 'orderplaced' in eu-west-1 (mode"
                + " CREATE_IF_MISSING) failed: ");
        assertThat(failure.resource()).isEqualTo("topic 'orderplaced'");
    }

    @Test
    void aFailedLookupNamesListTopics() {
        InfrastructureException failure;
        try (SnsAsyncClient sns = SnsAsyncClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(UnreachableEndpoint.uri()).credentialsProvider(LocalAws.credentials()).build()) {
            failure = failure(new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), sns)
                    .topic(TopicAddress.of("orderplaced"), TopicSettings.defaults(), InfrastructureMode.VALIDATE));
        }

        assertThat(failure).hasMessageStartingWith("could not reach SNS in eu-west-1 for sns:ListTopics on topic"
                + " 'orderplaced' in eu-west-1 (mode VALIDATE)");
    }

    @Test
    void aFailedSubscribeNamesTheSubscription() {
        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("ordershipped"), TopicSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("crm-ordershipped"),
                QueueSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));
        region().faults().errorRate(1.0);

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageStartingWith("sqs:GetQueueAttributes on the policy of queue 'crm-ordershipped'"
                + " in eu-west-1 (mode CREATE_IF_MISSING) failed: ");
    }
}
