package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

class WhenAFifoQueueIsCreated {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void itsErrorQueueIsFifoAndKeepsTheSuffixLast() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("ledger.fifo"),
                QueueSettings.builder().fifo(true).build(), InfrastructureMode.CREATE_IF_MISSING));

        ResolvedQueue error = queue.errorQueue().orElseThrow();
        assertThat(error.name()).isEqualTo("ledger_error.fifo");
        assertThat(error.arn()).isEqualTo(region().queueArn("ledger_error.fifo"));
        assertThat(new LocalSqsQueues(region().sqsClient()).attributes(queue.url()))
                .containsEntry(QueueAttributeName.REDRIVE_POLICY,
                        new RedrivePolicy(error.arn(), 5).toJson());
    }

    @Test
    void withContentBasedDeduplicationMessagesNeedNoDeduplicationId() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("journal.fifo"),
                QueueSettings.builder().fifo(true).contentBasedDeduplication(true).build(),
                InfrastructureMode.CREATE_IF_MISSING));
        SqsClient sqs = region().sqsClient();

        sqs.sendMessage(r -> r.queueUrl(queue.url()).messageGroupId("account-1").messageBody("credit 10"));
        sqs.sendMessage(r -> r.queueUrl(queue.url()).messageGroupId("account-1").messageBody("credit 10"));

        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)).messages())
                .as("the duplicate is removed by its content").hasSize(1);
    }

    @Test
    void withoutContentBasedDeduplicationEveryMessageNeedsADeduplicationId() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("strict.fifo"),
                QueueSettings.builder().fifo(true).build(), InfrastructureMode.CREATE_IF_MISSING));

        assertThatThrownBy(() -> region().sqsClient().sendMessage(r -> r.queueUrl(queue.url())
                .messageGroupId("account-1").messageBody("credit 10"))).isInstanceOf(SqsException.class);
    }
}
