package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

@ExtendWith(TwoRegionStack.Extension.class)
class WhenManagingSubscriptionsTest {

    private final SnsClient sns;
    private final String topicArn;

    WhenManagingSubscriptionsTest(TwoRegionStack stack) {
        this.sns = stack.primary().snsClient;
        this.topicArn = sns.createTopic(request -> request.name(unique("subscribed"))).topicArn();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String queueArn(String name) {
        return "arn:aws:sqs:eu-west-1:000000000000:" + name;
    }

    private String subscribe(String queueArn, Map<String, String> attributes) {
        return sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
    }

    @Test
    void subscribingTheSameQueueTwiceReturnsTheSameSubscription() {
        String queue = queueArn(unique("twice"));

        String first = subscribe(queue, Map.of("RawMessageDelivery", "true"));
        String second = subscribe(queue, Map.of());

        assertThat(first).startsWith(topicArn + ":").isEqualTo(second);
        assertThat(sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn)).subscriptions())
                .filteredOn(subscription -> subscription.endpoint().equals(queue)).hasSize(1);
    }

    @Test
    void subscribingTheSameQueueWithOtherAttributesIsRefused() {
        String queue = queueArn(unique("changed"));
        subscribe(queue, Map.of("RawMessageDelivery", "true"));

        assertThatThrownBy(() -> subscribe(queue, Map.of("RawMessageDelivery", "false")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void attributesAreReportedAndCanBeChanged() {
        String queue = queueArn(unique("attributes"));
        String arn = subscribe(queue, Map.of("FilterPolicy", "{\"colour\":[\"red\"]}"));

        assertThat(sns.getSubscriptionAttributes(request -> request.subscriptionArn(arn)).attributes())
                .containsEntry("SubscriptionArn", arn)
                .containsEntry("TopicArn", topicArn)
                .containsEntry("Protocol", "sqs")
                .containsEntry("Endpoint", queue)
                .containsEntry("RawMessageDelivery", "false")
                .containsEntry("PendingConfirmation", "false")
                .containsEntry("FilterPolicy", "{\"colour\":[\"red\"]}")
                .containsEntry("FilterPolicyScope", "MessageAttributes");

        sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn).attributeName("RawMessageDelivery").attributeValue("True"));
        sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue(""));

        assertThat(sns.getSubscriptionAttributes(request -> request.subscriptionArn(arn)).attributes())
                .containsEntry("RawMessageDelivery", "true")
                .doesNotContainKeys("FilterPolicy", "FilterPolicyScope");
    }

    @Test
    void aBodyFilterPolicyIsValidatedAgainstItsScopeWhateverTheOrderOfTheAttributes() {
        Map<String, String> policyFirst = new LinkedHashMap<>();
        policyFirst.put("FilterPolicy", "{\"order\":{\"status\":[\"paid\"]}}");
        policyFirst.put("FilterPolicyScope", "MessageBody");

        String arn = subscribe(queueArn(unique("body-scoped")), policyFirst);

        assertThat(sns.getSubscriptionAttributes(request -> request.subscriptionArn(arn)).attributes())
                .containsEntry("FilterPolicyScope", "MessageBody");
    }

    @Test
    void invalidAttributesAreRefused() {
        String arn = subscribe(queueArn(unique("invalid")), Map.of());

        assertThatThrownBy(() -> sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn)
                .attributeName("RawMessageDelivery").attributeValue("yes")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn)
                .attributeName("FilterPolicy").attributeValue("{\"colour\":\"red\"}")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn)
                .attributeName("FilterPolicyScope").attributeValue("Headers")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.setSubscriptionAttributes(request -> request.subscriptionArn(arn)
                .attributeName("Colour").attributeValue("red")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void subscriptionsAreListedInPagesOfAHundred() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 105; i++) {
            created.add(subscribe(queueArn(unique("paged")), Map.of()));
        }

        ListSubscriptionsByTopicResponse firstPage = sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn));
        assertThat(firstPage.subscriptions()).hasSize(100);
        assertThat(firstPage.nextToken()).isNotNull();
        ListSubscriptionsByTopicResponse secondPage = sns.listSubscriptionsByTopic(request -> request.topicArn(topicArn)
                .nextToken(firstPage.nextToken()));
        assertThat(secondPage.subscriptions()).hasSize(5);
        assertThat(secondPage.nextToken()).isNull();

        List<String> all = sns.listSubscriptionsPaginator().subscriptions().stream().map(Subscription::subscriptionArn).toList();
        assertThat(all).doesNotHaveDuplicates().containsAll(created);
        assertThat(firstPage.subscriptions().get(0).owner()).isEqualTo("000000000000");
    }

    @Test
    void anUnsubscribedSubscriptionIsNotFoundAndUnsubscribingAgainIsFine() {
        String arn = subscribe(queueArn(unique("gone")), Map.of());

        sns.unsubscribe(request -> request.subscriptionArn(arn));
        sns.unsubscribe(request -> request.subscriptionArn(arn));

        assertThatThrownBy(() -> sns.getSubscriptionAttributes(request -> request.subscriptionArn(arn)))
                .isInstanceOfSatisfying(NotFoundException.class, error -> assertThat(error.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> sns.unsubscribe(request -> request.subscriptionArn("not-an-arn")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void onlySqsQueuesOfTheRightKindCanSubscribe() {
        assertThatThrownBy(() -> sns.subscribe(request -> request.topicArn(topicArn).protocol("https").endpoint("https://example.com")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint("my-queue")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> subscribe(queueArn(unique("ordered")) + ".fifo", Map.of()))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void subscribingToAnUnknownTopicIsNotFound() {
        assertThatThrownBy(() -> sns.subscribe(request -> request.topicArn("arn:aws:sns:eu-west-1:000000000000:missing")
                .protocol("sqs").endpoint(queueArn("any"))))
                .isInstanceOfSatisfying(NotFoundException.class, error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NotFound"));
    }

    @Test
    void deletingTheTopicRemovesItsSubscriptions() {
        String topic = sns.createTopic(request -> request.name(unique("short-lived"))).topicArn();
        String arn = sns.subscribe(request -> request.topicArn(topic).protocol("sqs").endpoint(queueArn(unique("orphan"))))
                .subscriptionArn();

        sns.deleteTopic(request -> request.topicArn(topic));

        assertThatThrownBy(() -> sns.getSubscriptionAttributes(request -> request.subscriptionArn(arn)))
                .isInstanceOf(NotFoundException.class);
    }
}
