package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WhenAQueueAlreadyExists {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private LocalSqsQueues queues() {
        return new LocalSqsQueues(region().sqsClient());
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void itKeepsTheAttributesSomeoneElseGaveIt() {
        String url = queues().create("legacy", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                QueueAttributeName.DELAY_SECONDS, "2"));

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("legacy"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(queue.url()).isEqualTo(url);
        assertThat(queues().attributes(url))
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60")
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "2");
    }

    @Test
    void aMissingRedrivePolicyIsAddedWithItsErrorQueue() {
        String url = queues().create("unguarded", Map.of());

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("unguarded"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(queue.errorQueue()).map(ResolvedQueue::name).contains("unguarded_error");
        assertThat(queues().exists("unguarded_error")).isTrue();
        assertThat(RedrivePolicy.parse(queues().attributes(url).get(QueueAttributeName.REDRIVE_POLICY)))
                .isEqualTo(new RedrivePolicy(region().queueArn("unguarded_error"), 5));
    }

    @Test
    void missingTagsAreAddedAndTheirTagsKept() {
        String url = queues().create("tagged", Map.of());
        region().sqsClient().tagQueue(r -> r.queueUrl(url).tags(Map.of("team", "theirs", "owner", "platform")));

        result(infrastructure().queue(QueueAddress.of("tagged"),
                QueueSettings.builder().tag("team", "ours").tag("cost-centre", "42").build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(region().sqsClient().listQueueTags(r -> r.queueUrl(url)).tags())
                .containsOnly(entry("team", "theirs"), entry("owner", "platform"), entry("cost-centre", "42"));
    }

    @Test
    void contentBasedDeduplicationIsNeverSwitchedOn() {
        String url = queues().create("settlements.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"));

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("settlements.fifo"),
                QueueSettings.builder().fifo(true).contentBasedDeduplication(true).build(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageContaining("queue 'settlements.fifo' in eu-west-1 has ContentBasedDeduplication"
                + " off but its settings ask for it, and an attribute set by someone else is never flipped");
        assertThat(failure.mode()).isEqualTo(InfrastructureMode.CREATE_IF_MISSING);
        assertThat(queues().attributes(url)).containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    }

    @Test
    void itsPolicyIsLeftAlone() {
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"Theirs","Effect":"Allow","Principal":"*",\
                "Action":"sqs:ReceiveMessage","Resource":"%s"}]}""".formatted(region().queueArn("guarded"));
        String url = queues().create("guarded", Map.of(QueueAttributeName.POLICY, policy));

        result(infrastructure().queue(QueueAddress.of("guarded"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(queues().attributes(url)).containsEntry(QueueAttributeName.POLICY, policy);
    }
}
