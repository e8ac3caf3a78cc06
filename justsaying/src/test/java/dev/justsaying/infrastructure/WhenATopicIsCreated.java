package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenATopicIsCreated {

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
    void itExistsAndResolvesToItsArn() {
        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("orderplaced"), TopicSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topic).isEqualTo(new ResolvedTopic("eu-west-1", "orderplaced", region().topicArn("orderplaced")));
        assertThat(topics().arns()).contains(topic.arn());
    }

    @Test
    void creatingItAgainFindsTheSameTopic() {
        TopicSettings settings = TopicSettings.builder().tag("team", "orders").build();
        ResolvedTopic first = result(infrastructure().topic(TopicAddress.of("ordershipped"), settings,
                InfrastructureMode.CREATE_IF_MISSING));

        ResolvedTopic second = result(infrastructure().topic(TopicAddress.of("ordershipped"), settings,
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(second).isEqualTo(first);
        assertThat(topics().arns()).containsOnlyOnce(first.arn());
    }

    @Test
    void theSettingsShapeTheTopic() {
        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("paymenttaken"),
                TopicSettings.builder().kmsMasterKeyId("alias/payments").tag("team", "payments").build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topics().attributes(topic.arn())).containsEntry("KmsMasterKeyId", "alias/payments");
        assertThat(topics().tags(topic.arn())).isEqualTo(Map.of("team", "payments"));
    }

    @Test
    void aFifoTopicGetsItsFifoAttributes() {
        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of("ledgerposted.fifo"),
                TopicSettings.builder().fifo(true).contentBasedDeduplication(true).build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topics().attributes(topic.arn()))
                .containsEntry("FifoTopic", "true")
                .containsEntry("ContentBasedDeduplication", "true");
    }

    @Test
    void aTopicAddressedByArnIsCreatedWhenMissing() {
        String arn = region().topicArn("stockchanged");

        ResolvedTopic topic = result(infrastructure().topic(TopicAddress.of(arn), TopicSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(topic.arn()).isEqualTo(arn);
        assertThat(topics().arns()).contains(arn);
    }
}
