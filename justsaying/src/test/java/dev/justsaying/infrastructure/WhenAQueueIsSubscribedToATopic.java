package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WhenAQueueIsSubscribedToATopic {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private final ObjectMapper json = new ObjectMapper();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private LocalSqsQueues queues() {
        return new LocalSqsQueues(region().sqsClient());
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    private ResolvedTopic topic(String name) {
        return result(infrastructure().topic(TopicAddress.of(name), TopicSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));
    }

    private ResolvedQueue queue(String name) {
        return result(infrastructure().queue(QueueAddress.of(name), QueueSettings.defaults(),
                InfrastructureMode.CREATE_IF_MISSING));
    }

    private ResolvedSubscription subscribe(ResolvedTopic topic, ResolvedQueue queue, SubscriptionSettings settings) {
        return result(infrastructure().subscribe(topic, queue, settings, InfrastructureMode.CREATE_IF_MISSING));
    }

    private List<Subscription> subscriptionsOf(ResolvedTopic topic) {
        return region().snsClient().listSubscriptionsByTopic(r -> r.topicArn(topic.arn())).subscriptions();
    }

    private JsonNode statementsOf(ResolvedQueue queue) throws Exception {
        return json.readTree(queues().attributes(queue.url()).get(QueueAttributeName.POLICY)).path("Statement");
    }

    private List<Message> receiveUntil(ResolvedQueue queue, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(region().sqsClient().receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages());
            return received.size() >= count;
        });
        return received;
    }

    @Test
    void theSubscriptionDeliversFromTheTopicToTheQueue() {
        ResolvedTopic topic = topic("orderplaced");
        ResolvedQueue queue = queue("billing-orderplaced");

        ResolvedSubscription subscription = subscribe(topic, queue, SubscriptionSettings.defaults());

        assertThat(subscriptionsOf(topic)).singleElement().satisfies(existing -> {
            assertThat(existing.protocol()).isEqualTo("sqs");
            assertThat(existing.endpoint()).isEqualTo(queue.arn());
            assertThat(subscription.subscriptionArn()).contains(existing.subscriptionArn());
        });
        assertThat(subscription.topic()).isEqualTo(topic);
        assertThat(subscription.queue()).isEqualTo(queue);
    }

    @Test
    void theQueuePolicyLetsOnlyThisTopicSend() throws Exception {
        ResolvedTopic topic = topic("orderpaid");
        ResolvedQueue queue = queue("billing-orderpaid");

        subscribe(topic, queue, SubscriptionSettings.defaults());

        JsonNode statements = statementsOf(queue);
        assertThat(statements).hasSize(1);
        JsonNode statement = statements.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Resource").asText()).isEqualTo(queue.arn());
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo(topic.arn());
    }

    /**
     * Least privilege: whatever the library writes into a queue policy lets exactly the subscribed topics send, and
     * nothing else — one principal (the SNS service, never {@code *}), one action (never a wildcard), this queue as
     * the resource, and {@code aws:SourceArn} equal to one subscribed topic; the error queue gets no policy at all.
     */
    @Test
    void aQueueOnTwoTopicsLetsExactlyThoseTwoSendAndNothingElse() throws Exception {
        ResolvedTopic placed = topic("parcelplaced");
        ResolvedTopic shipped = topic("parcelshipped");
        ResolvedQueue queue = queue("tracking-parcels");

        subscribe(placed, queue, SubscriptionSettings.defaults());
        subscribe(shipped, queue, SubscriptionSettings.defaults());

        String policy = queues().attributes(queue.url()).get(QueueAttributeName.POLICY);
        assertThat(policy).doesNotContain("*");
        List<String> sources = new ArrayList<>();
        for (JsonNode statement : json.readTree(policy).path("Statement")) {
            assertThat(fieldNames(statement)).containsExactlyInAnyOrder(
                    "Sid", "Effect", "Principal", "Action", "Resource", "Condition");
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.path("Principal")).isEqualTo(json.readTree("{\"Service\":\"sns.amazonaws.com\"}"));
            assertThat(statement.path("Action")).isEqualTo(json.getNodeFactory().textNode("sqs:SendMessage"));
            assertThat(statement.path("Resource")).isEqualTo(json.getNodeFactory().textNode(queue.arn()));
            assertThat(fieldNames(statement.path("Condition"))).containsExactly("ArnEquals");
            assertThat(fieldNames(statement.path("Condition").path("ArnEquals"))).containsExactly("aws:SourceArn");
            sources.add(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText());
        }
        assertThat(sources).containsExactlyInAnyOrder(placed.arn(), shipped.arn());
        assertThat(queue.errorQueue()).hasValueSatisfying(error ->
                assertThat(queues().attributes(error.url())).doesNotContainKey(QueueAttributeName.POLICY));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void subscribingAgainReusesTheSubscriptionAndKeepsOneStatement() throws Exception {
        ResolvedTopic topic = topic("ordercancelled");
        ResolvedQueue queue = queue("billing-ordercancelled");
        ResolvedSubscription first = subscribe(topic, queue, SubscriptionSettings.defaults());
        String policy = queues().attributes(queue.url()).get(QueueAttributeName.POLICY);

        ResolvedSubscription second = subscribe(topic, queue, SubscriptionSettings.defaults());

        assertThat(second).isEqualTo(first);
        assertThat(subscriptionsOf(topic)).hasSize(1);
        assertThat(queues().attributes(queue.url()).get(QueueAttributeName.POLICY)).isEqualTo(policy);
        assertThat(statementsOf(queue)).hasSize(1);
    }

    @Test
    void aForeignStatementSurvivesBesideOurs() throws Exception {
        ResolvedTopic topic = topic("orderrefunded");
        String foreign = """
                {"Sid":"LetTheAuditorRead","Effect":"Allow",\
                "Principal":{"AWS":"arn:aws:iam::000000000000:role/auditor"},\
                "Action":"sqs:ReceiveMessage","Resource":"%s"}""".formatted(region().queueArn("audit-orderrefunded"));
        queues().create("audit-orderrefunded", Map.of(QueueAttributeName.POLICY,
                "{\"Version\":\"2012-10-17\",\"Id\":\"theirs\",\"Statement\":[" + foreign + "]}"));
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("audit-orderrefunded"),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.CREATE_IF_MISSING));

        subscribe(topic, queue, SubscriptionSettings.defaults());

        JsonNode policy = json.readTree(queues().attributes(queue.url()).get(QueueAttributeName.POLICY));
        assertThat(policy.path("Id").asText()).isEqualTo("theirs");
        assertThat(policy.path("Statement")).hasSize(2);
        assertThat(policy.path("Statement").get(0)).isEqualTo(json.readTree(foreign));
        assertThat(policy.path("Statement").get(1).path("Condition").path("ArnEquals").path("aws:SourceArn")
                .asText()).isEqualTo(topic.arn());
    }

    @Test
    void anEquivalentStatementIsNotAddedTwice() {
        ResolvedTopic topic = topic("orderdispatched");
        String theirs = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},\
                "Action":"sqs:SendMessage","Resource":"%s",\
                "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:000000000000:*"}}}]}"""
                .formatted(region().queueArn("warehouse-orderdispatched"));
        queues().create("warehouse-orderdispatched", Map.of(QueueAttributeName.POLICY, theirs));
        ResolvedQueue queue = result(infrastructure().queue(QueueAddress.of("warehouse-orderdispatched"),
                QueueSettings.builder().errorQueue(false).build(), InfrastructureMode.CREATE_IF_MISSING));

        subscribe(topic, queue, SubscriptionSettings.defaults());

        assertThat(queues().attributes(queue.url()).get(QueueAttributeName.POLICY)).isEqualTo(theirs);
    }

    @Test
    void aMessagePublishedToTheTopicArrivesInTheQueueInsideTheEnvelope() throws Exception {
        ResolvedTopic topic = topic("orderdelivered");
        ResolvedQueue queue = queue("crm-orderdelivered");
        subscribe(topic, queue, SubscriptionSettings.defaults());

        region().snsClient().publish(r -> r.topicArn(topic.arn()).subject("OrderDelivered")
                .message("{\"OrderId\":42}"));

        JsonNode envelope = json.readTree(receiveUntil(queue, 1).get(0).body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic.arn());
        assertThat(envelope.path("Message").asText()).isEqualTo("{\"OrderId\":42}");
    }

    @Test
    void rawDeliveryDeliversTheMessageItself() {
        ResolvedTopic topic = topic("orderreturned");
        ResolvedQueue queue = queue("crm-orderreturned");
        ResolvedSubscription subscription = subscribe(topic, queue,
                SubscriptionSettings.defaults().withRawMessageDelivery(true));

        region().snsClient().publish(r -> r.topicArn(topic.arn()).message("{\"OrderId\":43}"));

        assertThat(receiveUntil(queue, 1).get(0).body()).isEqualTo("{\"OrderId\":43}");
        assertThat(region().snsClient().getSubscriptionAttributes(r -> r.subscriptionArn(
                subscription.subscriptionArn().orElseThrow())).attributes())
                .containsEntry("RawMessageDelivery", "true");
    }

    @Test
    void theFilterPolicyLetsOnlyMatchingMessagesThrough() {
        ResolvedTopic topic = topic("orderrated");
        ResolvedQueue queue = queue("uk-orderrated");
        ResolvedSubscription subscription = subscribe(topic, queue, SubscriptionSettings.defaults()
                .withRawMessageDelivery(true).withFilterPolicy("{\"Tenant\":[\"uk\"]}"));

        publishForTenant(topic, "fr");
        publishForTenant(topic, "uk");

        await().atMost(Duration.ofSeconds(20)).until(() -> region().snsDeliveryStats().pending() == 0);
        assertThat(receiveUntil(queue, 1)).extracting(Message::body).containsExactly("for uk");
        assertThat(region().snsClient().getSubscriptionAttributes(r -> r.subscriptionArn(
                subscription.subscriptionArn().orElseThrow())).attributes())
                .containsEntry("FilterPolicy", "{\"Tenant\":[\"uk\"]}");
    }

    private void publishForTenant(ResolvedTopic topic, String tenant) {
        region().snsClient().publish(r -> r.topicArn(topic.arn()).message("for " + tenant).messageAttributes(Map.of(
                "Tenant", MessageAttributeValue.builder().dataType("String").stringValue(tenant).build())));
    }
}
