package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class WhenAQueueIsCreated {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    private Map<QueueAttributeName, String> attributesOf(String url) {
        return region().sqsClient().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    @Test
    void theQueueAndItsErrorQueueExistWithTheDefaultAttributes() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("orders"), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(queue.region()).isEqualTo("eu-west-1");
        assertThat(queue.name()).isEqualTo("orders");
        assertThat(queue.arn()).isEqualTo(region().queueArn("orders"));
        assertThat(queue.url()).isEqualTo(region().sqsClient().getQueueUrl(r -> r.queueName("orders")).queueUrl());
        assertThat(attributesOf(queue.url()))
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30")
                .containsKey(QueueAttributeName.REDRIVE_POLICY);

        ResolvedQueue error = queue.errorQueue().orElseThrow();
        assertThat(error.name()).isEqualTo("orders_error");
        assertThat(error.arn()).isEqualTo(region().queueArn("orders_error"));
        assertThat(RedrivePolicy.parse(attributesOf(queue.url()).get(QueueAttributeName.REDRIVE_POLICY)))
                .isEqualTo(new RedrivePolicy(error.arn(), 5));
    }

    @Test
    void creatingItAgainFindsTheSameQueues() {
        QueueSettings settings = QueueSettings.defaults();
        ResolvedQueue first = result(infrastructure().queue(QueueAddress.of("payments"), settings,
                InfrastructureMode.CREATE_IF_MISSING));

        ResolvedQueue second = result(infrastructure().queue(QueueAddress.of("payments"), settings,
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aMessageReceivedTooOftenMovesToTheErrorQueue() {
        QueueSettings settings = QueueSettings.builder().visibilityTimeout(Duration.ZERO).maxReceiveCount(2).build();
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("poison"), settings,
                InfrastructureMode.CREATE_IF_MISSING));
        SqsClient sqs = region().sqsClient();
        sqs.sendMessage(r -> r.queueUrl(queue.url()).messageBody("cannot be handled"));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(1));
            return sqs.receiveMessage(r -> r.queueUrl(queue.errorQueue().orElseThrow().url()).maxNumberOfMessages(1))
                    .messages().stream().anyMatch(message -> message.body().equals("cannot be handled"));
        });
    }

    /** ElasticMQ does not report MessageRetentionPeriod, so retention is not asserted against it. */
    @Test
    void theSettingsShapeTheQueue() {
        QueueSettings settings = QueueSettings.builder().visibilityTimeout(Duration.ofMinutes(2))
                .messageRetention(Duration.ofDays(1)).deliveryDelay(Duration.ofSeconds(5)).maxReceiveCount(3)
                .errorQueueRetention(Duration.ofDays(7)).tag("team", "billing").build();

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("invoices"), settings,
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(attributesOf(queue.url()))
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "120")
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "5");
        assertThat(RedrivePolicy.parse(attributesOf(queue.url()).get(QueueAttributeName.REDRIVE_POLICY))
                .maxReceiveCount()).isEqualTo(3);
        assertThat(attributesOf(queue.errorQueue().orElseThrow().url()))
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "120");
        assertThat(region().sqsClient().listQueueTags(r -> r.queueUrl(queue.url())).tags())
                .containsExactly(entry("team", "billing"));
    }

    @Test
    void withoutAnErrorQueueNoneIsCreated() {
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("audit"),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(queue.errorQueue()).isEmpty();
        assertThat(attributesOf(queue.url())).doesNotContainKey(QueueAttributeName.REDRIVE_POLICY);
        assertThatThrownBy(() ->
                        region().sqsClient().getQueueUrl(r -> r.queueName("audit_error")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }
}
