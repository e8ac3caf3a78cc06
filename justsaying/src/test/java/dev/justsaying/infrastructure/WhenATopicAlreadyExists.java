package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenATopicAlreadyExists {

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
    void itKeepsTheAttributesAndTagsSomeoneElseGaveItAndGainsTheMissingTags() {
        String arn = topics().create("customerjoined", Map.of("KmsMasterKeyId", "alias/theirs"),
                Map.of("team", "theirs"));

        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("customerjoined"),
                TopicSettings.builder().kmsMasterKeyId("alias/ours").tag("team", "ours").tag("cost-centre", "42")
                        .build(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topic.arn()).isEqualTo(arn);
        assertThat(topics().attributes(arn)).containsEntry("KmsMasterKeyId", "alias/theirs");
        assertThat(topics().tags(arn)).isEqualTo(Map.of("team", "theirs", "cost-centre", "42"));
    }

    @Test
    void aMissingKmsKeyIsAdded() {
        String arn = topics().create("customerleft", Map.of(), Map.of());

        result(infrastructure().topic(TopicAddress.of("customerleft"),
                TopicSettings.builder().kmsMasterKeyId("alias/customers").build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topics().attributes(arn)).containsEntry("KmsMasterKeyId", "alias/customers");
    }

    @Test
    void contentBasedDeduplicationIsNeverSwitchedOn() {
        String arn = topics().create("balancechanged.fifo", Map.of("FifoTopic", "true"), Map.of());

        InfrastructureException failure = failure(infrastructure().topic(TopicAddress.of("balancechanged.fifo"),
                TopicSettings.builder().fifo(true).contentBasedDeduplication(true).build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageContaining("topic 'balancechanged.fifo' in eu-west-1 has"
                + " ContentBasedDeduplication off but its settings ask for it, and an attribute set by someone else"
                + " is never flipped");
        assertThat(topics().attributes(arn)).containsEntry("ContentBasedDeduplication", "false");
    }

    @Test
    void anExistingTopicAddressedByArnIsCompletedInPlace() {
        String arn = topics().create("addresschanged", Map.of(), Map.of());

        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of(arn),
                TopicSettings.builder().tag("team", "customers").build(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topic.arn()).isEqualTo(arn);
        assertThat(topics().tags(arn)).isEqualTo(Map.of("team", "customers"));
    }
}
