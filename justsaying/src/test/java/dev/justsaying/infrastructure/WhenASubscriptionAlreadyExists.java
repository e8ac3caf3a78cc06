package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenASubscriptionAlreadyExists {

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

    /** Subscribes the way someone else would: directly, with these attributes. */
    private String subscribedBySomeoneElse(ResolvedTopic topic, ResolvedQueue queue, Map<String, String> attributes) {
        return region().snsClient().subscribe(r -> r.topicArn(topic.arn()).protocol("sqs").endpoint(queue.arn())
                .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
    }

    private Map<String, String> attributesOf(String subscriptionArn) {
        return region().snsClient().getSubscriptionAttributes(r -> r.subscriptionArn(subscriptionArn)).attributes();
    }

    @Test
    void itIsReused() {
        ResolvedTopic topic = topic("pricechanged");
        ResolvedQueue queue = queue("shop-pricechanged");
        String arn = subscribedBySomeoneElse(topic, queue, Map.of());

        ResolvedSubscription subscription = result(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(subscription.subscriptionArn()).contains(arn);
    }

    @Test
    void itsDeliveryFormatIsNeverFlipped() {
        ResolvedTopic topic = topic("pricedropped");
        ResolvedQueue queue = queue("shop-pricedropped");
        String arn = subscribedBySomeoneElse(topic, queue, Map.of("RawMessageDelivery", "false"));

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withRawMessageDelivery(true), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageContaining("the subscription of queue 'shop-pricedropped' to topic"
                + " 'pricedropped' in eu-west-1 has RawMessageDelivery false but its settings ask for true")
                .hasMessageContaining("change the subscription yourself, or change rawMessageDelivery in its"
                        + " SubscriptionSettings");
        assertThat(attributesOf(arn)).containsEntry("RawMessageDelivery", "false");
    }

    @Test
    void aMissingFilterPolicyIsSet() {
        ResolvedTopic topic = topic("stocklow");
        ResolvedQueue queue = queue("buying-stocklow");
        String arn = subscribedBySomeoneElse(topic, queue, Map.of());

        result(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withFilterPolicy("{\"Warehouse\":[\"leeds\"]}"),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(attributesOf(arn)).containsEntry("FilterPolicy", "{\"Warehouse\":[\"leeds\"]}");
    }

    @Test
    void anotherFilterPolicyIsNeverOverwritten() {
        ResolvedTopic topic = topic("stockout");
        ResolvedQueue queue = queue("buying-stockout");
        String arn = subscribedBySomeoneElse(topic, queue, Map.of("FilterPolicy", "{\"Warehouse\":[\"york\"]}"));

        InfrastructureException failure = failure(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withFilterPolicy("{\"Warehouse\":[\"leeds\"]}"),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageContaining("has the filter policy {\"Warehouse\":[\"york\"]} but its settings"
                + " ask for {\"Warehouse\":[\"leeds\"]}");
        assertThat(attributesOf(arn)).containsEntry("FilterPolicy", "{\"Warehouse\":[\"york\"]}");
    }

    @Test
    void anEqualFilterPolicyWrittenDifferentlyIsAccepted() {
        ResolvedTopic topic = topic("stockin");
        ResolvedQueue queue = queue("buying-stockin");
        subscribedBySomeoneElse(topic, queue, Map.of("FilterPolicy", "{ \"Warehouse\": [ \"leeds\" ] }"));

        ResolvedSubscription subscription = result(infrastructure().subscribe(topic, queue,
                SubscriptionSettings.defaults().withFilterPolicy("{\"Warehouse\":[\"leeds\"]}"),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(subscription.subscriptionArn()).isPresent();
    }

    @Test
    void aFilterPolicyTheSettingsDoNotMentionIsKept() {
        ResolvedTopic topic = topic("stockcounted");
        ResolvedQueue queue = queue("buying-stockcounted");
        String arn = subscribedBySomeoneElse(topic, queue, Map.of("FilterPolicy", "{\"Warehouse\":[\"york\"]}"));

        result(infrastructure().subscribe(topic, queue, SubscriptionSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));

        assertThat(attributesOf(arn)).containsEntry("FilterPolicy", "{\"Warehouse\":[\"york\"]}");
    }
}
