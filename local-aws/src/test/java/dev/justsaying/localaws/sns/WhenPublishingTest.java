package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

@ExtendWith(TwoRegionStack.Extension.class)
class WhenPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwoRegionStack stack;
    private final TwoRegionStack.StackRegion region;
    private final SnsClient sns;

    WhenPublishingTest(TwoRegionStack stack) {
        this.stack = stack;
        this.region = stack.primary();
        this.sns = region.snsClient;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String topic(String name, Map<String, String> attributes) {
        return sns.createTopic(request -> request.name(name).attributes(attributes)).topicArn();
    }

    private void subscribe(String topicArn, TwoRegionStack.Queue queue, Map<String, String> attributes) {
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()).attributes(attributes));
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue numberAttribute(String value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
    }

    @Nested
    class ToAnEnvelopeSubscription {

        @Test
        void theQueueGetsTheSnsJsonEnvelope() throws Exception {
            String topicArn = topic(unique("envelope"), Map.of());
            TwoRegionStack.Queue queue = region.createQueue(unique("envelope"));
            subscribe(topicArn, queue, Map.of());

            PublishResponse published = sns.publish(request -> request.topicArn(topicArn).subject("OrderPlaced")
                    .message("{\"Id\":1,\"Text\":\"a \\\"quoted\\\" <b>\"}")
                    .messageAttributes(Map.of(
                            "colour", stringAttribute("red"),
                            "size", numberAttribute("42"),
                            "blob", MessageAttributeValue.builder().dataType("Binary")
                                    .binaryValue(SdkBytes.fromUtf8String("bytes")).build(),
                            "tags", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"a\",\"b\"]").build())));

            Message delivered = region.awaitMessages(queue, 1).get(0);
            JsonNode envelope = JSON.readTree(delivered.body());
            List<String> fields = new ArrayList<>();
            envelope.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
                    "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes");
            assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
            assertThat(envelope.get("MessageId").asText()).isEqualTo(published.messageId());
            assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
            assertThat(envelope.get("Subject").asText()).isEqualTo("OrderPlaced");
            assertThat(envelope.get("Message").asText()).isEqualTo("{\"Id\":1,\"Text\":\"a \\\"quoted\\\" <b>\"}");
            assertThat(envelope.get("Timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(envelope.get("SignatureVersion").asText()).isEqualTo("1");
            assertThat(envelope.get("Signature").asText()).isNotEmpty();
            assertThat(envelope.get("SigningCertURL").asText()).startsWith(region.sns.endpoint().toString());
            assertThat(envelope.get("UnsubscribeURL").asText())
                    .startsWith(region.sns.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":");
            assertThat(envelope.get("MessageAttributes")).isEqualTo(JSON.readTree("""
                    {"colour":{"Type":"String","Value":"red"},
                     "size":{"Type":"Number","Value":"42"},
                     "blob":{"Type":"Binary","Value":"Ynl0ZXM="},
                     "tags":{"Type":"String.Array","Value":"[\\"a\\",\\"b\\"]"}}"""));
            assertThat(delivered.messageAttributes()).isEmpty();
        }

        @Test
        void withoutASubjectOrAttributesTheEnvelopeHasNeither() throws Exception {
            String topicArn = topic(unique("plain"), Map.of());
            TwoRegionStack.Queue queue = region.createQueue(unique("plain"));
            subscribe(topicArn, queue, Map.of());

            sns.publish(request -> request.topicArn(topicArn).message("hello"));

            JsonNode envelope = JSON.readTree(region.awaitMessages(queue, 1).get(0).body());
            assertThat(envelope.has("Subject")).isFalse();
            assertThat(envelope.has("MessageAttributes")).isFalse();
            assertThat(envelope.get("Message").asText()).isEqualTo("hello");
        }

        @Test
        void aJsonMessageStructureDeliversTheSqsEntry() throws Exception {
            String topicArn = topic(unique("structured"), Map.of());
            TwoRegionStack.Queue queue = region.createQueue(unique("structured"));
            subscribe(topicArn, queue, Map.of());

            sns.publish(request -> request.targetArn(topicArn).messageStructure("json")
                    .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));

            assertThat(JSON.readTree(region.awaitMessages(queue, 1).get(0).body()).get("Message").asText()).isEqualTo("for queues");
            assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).messageStructure("json")
                    .message("{\"sqs\":\"no default\"}")))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Nested
    class ToARawSubscription {

        @Test
        void theQueueGetsTheBareMessageWithNativeAttributes() {
            String topicArn = topic(unique("raw"), Map.of());
            TwoRegionStack.Queue queue = region.createQueue(unique("raw"));
            subscribe(topicArn, queue, Map.of("RawMessageDelivery", "true"));

            sns.publish(request -> request.topicArn(topicArn).subject("ignored when raw").message("{\"Id\":7,\"Name\":\"café ☕ 𝄞 a+b&c=d %20\"}")
                    .messageAttributes(Map.of(
                            "colour", stringAttribute("red"),
                            "size", numberAttribute("42"),
                            "blob", MessageAttributeValue.builder().dataType("Binary")
                                    .binaryValue(SdkBytes.fromUtf8String("bytes")).build())));

            Message delivered = region.awaitMessages(queue, 1).get(0);
            assertThat(delivered.body()).isEqualTo("{\"Id\":7,\"Name\":\"café ☕ 𝄞 a+b&c=d %20\"}");
            assertThat(delivered.messageAttributes()).hasSize(3);
            assertThat(delivered.messageAttributes().get("colour").dataType()).isEqualTo("String");
            assertThat(delivered.messageAttributes().get("colour").stringValue()).isEqualTo("red");
            assertThat(delivered.messageAttributes().get("size").dataType()).isEqualTo("Number");
            assertThat(delivered.messageAttributes().get("size").stringValue()).isEqualTo("42");
            assertThat(delivered.messageAttributes().get("blob").dataType()).isEqualTo("Binary");
            assertThat(delivered.messageAttributes().get("blob").binaryValue().asUtf8String()).isEqualTo("bytes");
        }
    }

    @Nested
    class ThroughAFilterPolicy {

        @Test
        void onlyMatchingMessagesAreDelivered() {
            String topicArn = topic(unique("filtered"), Map.of());
            TwoRegionStack.Queue redOrBig = region.createQueue(unique("red-or-big"));
            TwoRegionStack.Queue everything = region.createQueue(unique("everything"));
            subscribe(topicArn, redOrBig, Map.of("RawMessageDelivery", "true", "FilterPolicy",
                    "{\"$or\":[{\"colour\":[\"red\"]},{\"size\":[{\"numeric\":[\">=\",100]}]}],\"region\":[{\"prefix\":\"eu-\"}]}"));
            subscribe(topicArn, everything, Map.of("RawMessageDelivery", "true"));

            publish(topicArn, "blue-small-eu", "blue", "5", "eu-west-1");
            publish(topicArn, "red-small-us", "red", "5", "us-east-1");
            publish(topicArn, "red-small-eu", "red", "5", "eu-west-1");
            publish(topicArn, "blue-big-eu", "blue", "500", "eu-central-1");

            assertThat(region.awaitMessages(everything, 4)).hasSize(4);
            assertThat(region.awaitMessages(redOrBig, 2)).extracting(Message::body)
                    .containsExactlyInAnyOrder("red-small-eu", "blue-big-eu");
            assertThat(region.receive(redOrBig, 0)).isEmpty();
        }

        @Test
        void aBodyScopedPolicyFiltersOnTheJsonMessage() {
            String topicArn = topic(unique("body-filtered"), Map.of());
            TwoRegionStack.Queue paid = region.createQueue(unique("paid"));
            subscribe(topicArn, paid, Map.of("RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody",
                    "FilterPolicy", "{\"order\":{\"status\":[\"paid\"]}}"));

            sns.publish(request -> request.topicArn(topicArn).message("{\"order\":{\"status\":\"open\"}}"));
            sns.publish(request -> request.topicArn(topicArn).message("{\"order\":{\"status\":\"paid\"}}"));

            assertThat(region.awaitMessages(paid, 1)).extracting(Message::body).containsExactly("{\"order\":{\"status\":\"paid\"}}");
            assertThat(region.receive(paid, 0)).isEmpty();
        }

        private void publish(String topicArn, String message, String colour, String size, String regionName) {
            sns.publish(request -> request.topicArn(topicArn).message(message).messageAttributes(Map.of(
                    "colour", stringAttribute(colour), "size", numberAttribute(size), "region", stringAttribute(regionName))));
        }
    }

    @Nested
    class ToAFifoTopic {

        private final String topicArn = topic(unique("ordered") + ".fifo", Map.of("FifoTopic", "true"));
        private final TwoRegionStack.Queue queue = region.createQueue(unique("ordered") + ".fifo");

        @Test
        void aFifoQueueGetsTheMessagesInOrderWithGroupAndDeduplicationIds() throws Exception {
            subscribe(topicArn, queue, Map.of());

            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int number = i;
                sequenceNumbers.add(sns.publish(request -> request.topicArn(topicArn).message("message " + number)
                        .messageGroupId("group-1").messageDeduplicationId("dedup-" + number)).sequenceNumber());
            }
            PublishResponse duplicate = sns.publish(request -> request.topicArn(topicArn).message("message 1 again")
                    .messageGroupId("group-1").messageDeduplicationId("dedup-1"));

            assertThat(sequenceNumbers).doesNotContainNull().isSorted();
            assertThat(duplicate.sequenceNumber()).isEqualTo(sequenceNumbers.get(0));
            List<Message> delivered = region.awaitMessages(queue, 5);
            List<String> bodies = new ArrayList<>();
            for (Message message : delivered) {
                JsonNode envelope = JSON.readTree(message.body());
                bodies.add(envelope.get("Message").asText());
                assertThat(envelope.has("Signature")).isFalse();
                assertThat(envelope.get("SequenceNumber").asText()).isIn(sequenceNumbers);
                assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "group-1");
            }
            assertThat(bodies).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
            assertThat(delivered).extracting(message -> message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                    .containsExactly("dedup-1", "dedup-2", "dedup-3", "dedup-4", "dedup-5");
            assertThat(region.receive(queue, 0)).isEmpty();
        }

        @Test
        void contentBasedDeduplicationUsesTheSha256OfTheMessage() throws Exception {
            String contentBased = topic(unique("content") + ".fifo", Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"));
            subscribe(contentBased, queue, Map.of("RawMessageDelivery", "true"));

            sns.publish(request -> request.topicArn(contentBased).message("same").messageGroupId("g"));
            sns.publish(request -> request.topicArn(contentBased).message("same").messageGroupId("g"));
            sns.publish(request -> request.topicArn(contentBased).message("other").messageGroupId("g"));

            List<Message> delivered = region.awaitMessages(queue, 2);
            assertThat(delivered).extracting(Message::body).containsExactly("same", "other");
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("same".getBytes(StandardCharsets.UTF_8)));
            assertThat(delivered.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, expected);
            assertThat(region.receive(queue, 0)).isEmpty();
        }

        @Test
        void aGroupIdAndADeduplicationIdOrContentBasedDeduplicationAreRequired() {
            assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m").messageDeduplicationId("d")))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m").messageGroupId("g")))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Nested
    class AcrossRegions {

        @Test
        void aQueueOfAnotherRegionGetsTheMessageFromThatRegionsSqs() {
            String topicArn = topic(unique("cross"), Map.of());
            TwoRegionStack.Queue remote = stack.secondary().createQueue(unique("remote"));
            assertThat(remote.arn()).startsWith("arn:aws:sqs:eu-central-1:000000000000:");
            subscribe(topicArn, remote, Map.of("RawMessageDelivery", "true"));

            sns.publish(request -> request.topicArn(topicArn).message("from eu-west-1"));

            assertThat(stack.secondary().awaitMessages(remote, 1)).extracting(Message::body).containsExactly("from eu-west-1");
        }
    }

    @Nested
    class WhenDeliveryFails {

        @Test
        void aDeletedQueueCountsAsFailedAndLaterDeliveriesStillArrive() {
            String topicArn = topic(unique("partly-broken"), Map.of());
            TwoRegionStack.Queue doomed = region.createQueue(unique("doomed"));
            TwoRegionStack.Queue healthy = region.createQueue(unique("healthy"));
            subscribe(topicArn, doomed, Map.of("RawMessageDelivery", "true"));
            subscribe(topicArn, healthy, Map.of("RawMessageDelivery", "true"));
            sns.publish(request -> request.topicArn(topicArn).message("before"));
            region.awaitMessages(doomed, 1);
            region.awaitMessages(healthy, 1);
            long failedBefore = region.sns.deliveryStats().failed();

            region.sqs.deleteQueue(request -> request.queueUrl(doomed.url()));
            sns.publish(request -> request.topicArn(topicArn).message("after 1"));
            sns.publish(request -> request.topicArn(topicArn).message("after 2"));

            assertThat(region.awaitMessages(healthy, 2)).extracting(Message::body).containsExactlyInAnyOrder("after 1", "after 2");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(region.sns.deliveryStats().failed()).isEqualTo(failedBefore + 2));
        }

        @Test
        void aQueueInARegionOutsideTheStackCountsAsFailed() {
            String topicArn = topic(unique("far-away"), Map.of());
            sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:far"));
            long failedBefore = region.sns.deliveryStats().failed();

            sns.publish(request -> request.topicArn(topicArn).message("nowhere to go"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(region.sns.deliveryStats().failed()).isEqualTo(failedBefore + 1));
        }
    }
}
