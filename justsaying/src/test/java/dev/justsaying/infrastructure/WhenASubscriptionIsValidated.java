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

class WhenASubscriptionIsValidated {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    private ResolvedTopic topic(String name) {
        return result(infrastructure().topic(TopicAddress.of(name), TopicSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));
    }

    private ResolvedQueue queue(String name) {
        return result(infrastructure().queue(QueueAddress.of(name), QueueSettings.builder().errorQueue(false).build(),
                InfrastructureMode.CREATE_IF_MISSING));
    }

    private ResolvedSubscription validate(ResolvedTopic topic, ResolvedQueue queue, SubscriptionSettings settings) {
        return result(infrastructure().subscribe(topic, queue, settings, InfrastructureMode.VALIDATE));
    }

    @Test
    void aQueuePolicyWithoutOurStatementFailsSayingWhichStatementToAdd() {
        ResolvedTopic topic = topic("tablebooked");
        ResolvedQueue queue = queue("floor-tablebooked");

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessage("the policy of queue 'floor-tablebooked' in eu-west-1 does not let topic"
                + " 'tablebooked' send to it, and the mode is VALIDATE: add a statement that allows sns.amazonaws.com"
                + " to sqs:SendMessage on " + queue.arn() + " with the condition ArnEquals aws:SourceArn "
                + topic.arn() + ", or use CREATE_IF_MISSING");
        assertThat(new LocalSqsQueues(region().sqsClient()).attributes(queue.url()))
                .doesNotContainKey(QueueAttributeName.POLICY);
    }

    @Test
    void aMissingSubscriptionFailsAndIsNotCreated() {
        ResolvedTopic topic = topic("tablefreed");
        ResolvedQueue queue = queue("floor-tablefreed");
        region().sqsClient().setQueueAttributes(r -> r.queueUrl(queue.url()).attributes(Map.of(
                QueueAttributeName.POLICY, QueuePolicy.withTopicAllowed(null, queue.arn(), topic.arn()))));

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessage("the subscription of queue 'floor-tablefreed' to topic 'tablefreed' does not"
                + " exist in eu-west-1 and the mode is VALIDATE: subscribe the queue to the topic, or use"
                + " CREATE_IF_MISSING");
        assertThat(region().snsClient().listSubscriptionsByTopic(r -> r.topicArn(topic.arn())).subscriptions())
                .isEmpty();
    }

    @Test
    void aCompleteSubscriptionResolvesWithItsArn() {
        ResolvedTopic topic = topic("tablecleared");
        ResolvedQueue queue = queue("floor-tablecleared");
        ResolvedSubscription created = result(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withRawMessageDelivery(true), InfrastructureMode.CREATE_IF_MISSING));

        ResolvedSubscription validated = validate(topic, queue,
                SubscriptionSettings.defaults().withRawMessageDelivery(true));

        assertThat(validated).isEqualTo(created);
    }

    @Test
    void anotherDeliveryFormatFails() {
        ResolvedTopic topic = topic("tablemoved");
        ResolvedQueue queue = queue("floor-tablemoved");
        result(infrastructure().subscribe(topic, queue, SubscriptionSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withRawMessageDelivery(true), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("has RawMessageDelivery false but its settings ask for true");
    }

    @Test
    void aMissingFilterPolicyFails() {
        ResolvedTopic topic = topic("tablewaiting");
        ResolvedQueue queue = queue("floor-tablewaiting");
        result(infrastructure().subscribe(topic, queue, SubscriptionSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withFilterPolicy("{\"Floor\":[\"1\"]}"), InfrastructureMode.VALIDATE));

        assertThat(failure).hasMessageContaining("has no filter policy but its settings ask for {\"Floor\":[\"1\"]},"
                + " and the mode is VALIDATE");
    }

    @Test
    void assumingItMakesNoCallAtAll() {
        ResolvedTopic topic = topic("tableassumed");
        ResolvedQueue queue = queue("floor-tableassumed");
        region().faults().errorRate(1.0);

        ResolvedSubscription subscription = result(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.ASSUME_EXISTS));

        assertThat(subscription).isEqualTo(new ResolvedSubscription(topic, queue, Optional.empty()));
    }

    @Test
    void aTopicOfAnotherRegionFailsBeforeAnyCall() {
        ResolvedQueue queue = queue("floor-elsewhere");
        ResolvedTopic elsewhere = new ResolvedTopic("eu-central-1", "tablebooked",
                "arn:aws:sns:eu-central-1:000000000000:tablebooked");

        InfrastructureException failure = failure(infrastructure().subscribe(elsewhere, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageContaining("the topic is in eu-central-1 and the queue in eu-west-1: subscribe"
                + " it in their own region");
    }
}
