package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WhenAQueueIsValidated {

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
    void aMissingQueueFailsSayingWhatToDoAndNothingIsCreated() {
        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("nowhere"),
                QueueSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessage("queue 'nowhere' does not exist in eu-west-1 and the mode is VALIDATE: create"
                + " it, or use CREATE_IF_MISSING");
        assertThat(failure.resource()).isEqualTo("queue 'nowhere'");
        assertThat(failure.region()).isEqualTo("eu-west-1");
        assertThat(failure.mode()).isEqualTo(InfrastructureMode.VALIDATE);
        assertThat(queues().exists("nowhere")).isFalse();
        assertThat(queues().exists("nowhere_error")).isFalse();
    }

    @Test
    void aMissingQueueAddressedByUrlFailsToo() {
        String url = queues().create("deleted-soon", Map.of());
        region().sqsClient().deleteQueue(r -> r.queueUrl(url));

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of(url),
                QueueSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("queue 'deleted-soon' does not exist in eu-west-1");
    }

    @Test
    void aQueueWithoutRedrivePolicyFailsWhenAnErrorQueueIsWanted() {
        String url = queues().create("unguarded", Map.of());

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("unguarded"),
                QueueSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("queue 'unguarded' in eu-west-1 has no RedrivePolicy")
                .hasMessageContaining("e.g. to 'unguarded_error' after 5 receives")
                .hasMessageContaining("turn the error queue off in its QueueSettings, or use CREATE_IF_MISSING");
        assertThat(queues().attributes(url)).doesNotContainKey(QueueAttributeName.REDRIVE_POLICY);
        assertThat(queues().exists("unguarded_error")).isFalse();
    }

    @Test
    void aQueueWithoutRedrivePolicyPassesWhenNoErrorQueueIsWanted() {
        String url = queues().create("fire-and-forget", Map.of());

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("fire-and-forget"),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.VALIDATE));

        assertThat(queue).isEqualTo(new ResolvedQueue("eu-west-1", "fire-and-forget", url,
                region().queueArn("fire-and-forget"), Optional.empty()));
    }

    @Test
    void aCompleteQueueResolvesWithItsErrorQueue() {
        String errorUrl = queues().create("complete_error", Map.of());
        String url = queues().create("complete", Map.of(QueueAttributeName.REDRIVE_POLICY,
                new RedrivePolicy(region().queueArn("complete_error"), 5).toJson()));

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("complete"), QueueSettings.defaults(),
                InfrastructureMode.VALIDATE));

        assertThat(queue.url()).isEqualTo(url);
        assertThat(queue.errorQueue()).contains(new ResolvedQueue("eu-west-1", "complete_error", errorUrl,
                region().queueArn("complete_error"), Optional.empty()));
    }

    @Test
    void anUnencryptedQueueFailsWhenEncryptionIsWanted() {
        queues().create("plain", Map.of());

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("plain"),
                QueueSettings.builder().errorQueue(false).kmsMasterKeyId("alias/orders").build(),
                InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("queue 'plain' in eu-west-1 is not encrypted but its settings ask for"
                + " the KMS key 'alias/orders'");
    }

    @Test
    void fifoSettingsForAStandardNameFailBeforeAnyCall() {
        region().faults().errorRate(1.0);

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("ledger"),
                QueueSettings.builder().fifo(true).build(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("has FIFO settings but its name lacks the suffix .fifo: name it"
                + " 'ledger.fifo'");
    }

    @Test
    void aFifoNameWithStandardSettingsFails() {
        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("ledger.fifo"),
                QueueSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("is FIFO by its name but its settings are not: set fifo(true)");
    }
}
