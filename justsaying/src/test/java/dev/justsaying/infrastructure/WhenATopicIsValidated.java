package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenATopicIsValidated {

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
    void aMissingTopicFailsSayingWhatToDoAndNothingIsCreated() {
        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("nowhere"),
                TopicSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessage("topic 'nowhere' does not exist in eu-west-1 and the mode is VALIDATE: create"
                + " it, or use CREATE_IF_MISSING");
        assertThat(failure.resource()).isEqualTo("topic 'nowhere'");
        assertThat(topics().arns()).doesNotContain(region().topicArn("nowhere"));
    }

    @Test
    void aMissingTopicAddressedByArnFailsToo() {
        InfrastructureException failure = failure(infrastructure().topic(
                TopicAddress.of(region().topicArn("nothing")), TopicSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("topic 'nothing' does not exist in eu-west-1");
    }

    @Test
    void anExistingTopicResolvesByNameAndByArn() {
        String arn = topics().create("itemsold", Map.of(), Map.of());

        assertThat(result(infrastructure().topic(TopicAddress.of("itemsold"), TopicSettings.defaults(),
                InfrastructureMode.VALIDATE))).isEqualTo(new ResolvedTopic("eu-west-1", "itemsold", arn));
        assertThat(result(infrastructure().topic(TopicAddress.of(arn), TopicSettings.defaults(),
                InfrastructureMode.VALIDATE))).isEqualTo(new ResolvedTopic("eu-west-1", "itemsold", arn));
    }

    @Test
    void anUnencryptedTopicFailsWhenEncryptionIsWanted() {
        topics().create("itemreturned", Map.of(), Map.of());

        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("itemreturned"),
                TopicSettings.builder().kmsMasterKeyId("alias/items").build(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("topic 'itemreturned' in eu-west-1 is not encrypted but its settings"
                + " ask for the KMS key 'alias/items'");
        assertThat(topics().attributes(region().topicArn("itemreturned"))).doesNotContainKey("KmsMasterKeyId");
    }

    @Test
    void fifoSettingsForAStandardNameFail() {
        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("itemsold"),
                TopicSettings.builder().fifo(true).build(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("name it 'itemsold.fifo'");
    }
}
