package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenATopicIsAssumedToExist {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private LocalSnsTopics topics() {
        return new LocalSnsTopics(region().snsClient());
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void anArnNeedsNoCallAtAll() {
        region().faults().errorRate(1.0);

        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of(region().topicArn("anything")),
                TopicSettings.defaults(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(topic).isEqualTo(new ResolvedTopic("eu-west-1", "anything", region().topicArn("anything")));
    }

    @Test
    void aNameBeyondTheFirstPageOfTopicsIsFound() {
        for (int i = 0; i < 120; i++) {
            topics().create("filler" + i, Map.of(), Map.of());
        }
        String arn = topics().create("zzz-last", Map.of(), Map.of());

        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("zzz-last"), TopicSettings.defaults(),
                InfrastructureMode.ASSUME_EXISTS));

        assertThat(topic.arn()).isEqualTo(arn);
    }

    @Test
    void aMissingNameFailsAndNothingIsCreated() {
        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("imaginary"),
                TopicSettings.defaults(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(failure).hasMessage("topic 'imaginary' was not found in eu-west-1 and the mode is ASSUME_EXISTS:"
                + " create it, correct its name, give its ARN, or use CREATE_IF_MISSING");
        assertThat(topics().arns()).doesNotContain(region().topicArn("imaginary"));
    }

    @Test
    void anArnOfAnotherRegionFailsNamingBothRegions() {
        InfrastructureException failure = failure(infrastructure().topic(
                TopicAddress.of("arn:aws:sns:eu-central-1:000000000000:orderplaced"), TopicSettings.defaults(),
                InfrastructureMode.ASSUME_EXISTS));

        assertThat(failure).hasMessageContaining("topic 'orderplaced' is addressed in eu-central-1")
                .hasMessageContaining("but used in eu-west-1");
    }
}
