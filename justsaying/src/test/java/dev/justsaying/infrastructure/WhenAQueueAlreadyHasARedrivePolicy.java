package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WhenAQueueAlreadyHasARedrivePolicy {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private static String theirRedrivePolicy;
    private static String queueUrl;

    private static LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private static LocalSqsQueues queues() {
        return new LocalSqsQueues(region().sqsClient());
    }

    @BeforeAll
    static void someoneElseGaveItADeadLetterQueue() {
        queues().create("platform_dead_letters", Map.of());
        theirRedrivePolicy = new RedrivePolicy(region().queueArn("platform_dead_letters"), 9).toJson();
        queueUrl = queues().create("shipping", Map.of(QueueAttributeName.REDRIVE_POLICY, theirRedrivePolicy));
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void creatingKeepsTheirRedrivePolicy() {
        result(infrastructure().queue(QueueAddress.of("shipping"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(RedrivePolicy.parse(queues().attributes(queueUrl).get(QueueAttributeName.REDRIVE_POLICY)))
                .isEqualTo(RedrivePolicy.parse(theirRedrivePolicy));
        assertThat(queues().exists("shipping_error")).isFalse();
    }

    @Test
    void theirDeadLetterQueueIsTheErrorQueue() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("shipping"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        ResolvedQueue error = queue.errorQueue().orElseThrow();
        assertThat(error.name()).isEqualTo("platform_dead_letters");
        assertThat(error.arn()).isEqualTo(region().queueArn("platform_dead_letters"));
        assertThat(error.url()).isEqualTo(queues().url("platform_dead_letters"));
    }

    @Test
    void validatingAcceptsIt() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("shipping"), QueueSettings.defaults(),
                InfrastructureMode.VALIDATE));

        assertThat(queue.errorQueue()).map(ResolvedQueue::name).contains("platform_dead_letters");
    }
}
