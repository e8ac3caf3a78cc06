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

class WhenAQueueIsAssumedToExist {

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
    void aNameIsResolvedToItsUrlAndArnAndItsErrorQueueIsDerived() {
        String url = queues().create("catalog", Map.of());

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("catalog"), QueueSettings.defaults(),
                InfrastructureMode.ASSUME_EXISTS));

        assertThat(queue).isEqualTo(new ResolvedQueue("eu-west-1", "catalog", url, region().queueArn("catalog"),
                Optional.of(new ResolvedQueue("eu-west-1", "catalog_error",
                        url.substring(0, url.lastIndexOf('/') + 1) + "catalog_error",
                        region().queueArn("catalog_error"), Optional.empty()))));
        assertThat(queues().exists("catalog_error")).as("nothing is created or checked").isFalse();
    }

    @Test
    void aUrlNeedsNoCallAtAll() {
        String url = queues().create("prices", Map.of());
        region().faults().errorRate(1.0);

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of(url),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(queue).isEqualTo(new ResolvedQueue("eu-west-1", "prices", url, region().queueArn("prices"),
                Optional.empty()));
    }

    @Test
    void anArnIsResolvedToItsUrl() {
        String url = queues().create("stock", Map.of());

        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of(region().queueArn("stock")),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(queue.url()).isEqualTo(url);
        assertThat(queue.arn()).isEqualTo(region().queueArn("stock"));
    }

    @Test
    void aMissingQueueFailsAndIsNotCreated() {
        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("imaginary"),
                QueueSettings.defaults(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(failure).hasMessage("queue 'imaginary' does not exist in eu-west-1 and the mode is ASSUME_EXISTS:"
                + " create it, correct its name, or use CREATE_IF_MISSING");
        assertThat(queues().exists("imaginary")).isFalse();
    }

    @Test
    void anArnOfAnotherRegionFailsNamingBothRegions() {
        InfrastructureException failure = failure(infrastructure().queue(
                QueueAddress.of("arn:aws:sqs:eu-central-1:000000000000:stock"), QueueSettings.defaults(),
                InfrastructureMode.ASSUME_EXISTS));

        assertThat(failure).hasMessage("queue 'stock' is addressed in eu-central-1"
                + " (arn:aws:sqs:eu-central-1:000000000000:stock) but used in eu-west-1: give its address in"
                + " eu-west-1, or configure it under region eu-central-1");
    }

    @Test
    void anAwsUrlOfAnotherRegionFailsToo() {
        InfrastructureException failure = failure(infrastructure().queue(
                QueueAddress.of("https://sqs.eu-central-1.amazonaws.com/123456789012/stock"),
                QueueSettings.defaults(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(failure).hasMessageContaining("is addressed in eu-central-1");
    }
}
