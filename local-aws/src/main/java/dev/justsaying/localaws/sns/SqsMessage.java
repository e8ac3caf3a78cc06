package dev.justsaying.localaws.sns;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A notification as one subscribed queue receives it: the body (the SNS JSON envelope, or the bare message for raw
 * delivery), native SQS message attributes (raw delivery only), the FIFO ids (FIFO queues only) and the size in
 * bytes that SQS counts.
 */
record SqsMessage(
        String body,
        Map<String, MessageAttributeValue> attributes,
        String messageGroupId,
        String deduplicationId,
        int size) {

    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();
    /** Notifications are not signed here; the field is present (as on AWS) with a fixed, recognisable value. */
    private static final String SIGNATURE = "TG9jYWwgU05TIGRvZXMgbm90IHNpZ24gbm90aWZpY2F0aW9ucw==";

    /** The message for a subscription; {@code endpoint} is this SNS endpoint, for the URLs in the envelope. */
    static SqsMessage of(Notification notification, Subscription subscription, String endpoint) {
        boolean toFifoQueue = subscription.queue().fifo();
        String groupId = toFifoQueue ? notification.messageGroupId() : null;
        String deduplicationId = toFifoQueue ? notification.deduplicationId() : null;
        if (subscription.settings().rawDelivery()) {
            int size = Utf8.length(notification.message());
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, MessageAttribute> attribute : notification.attributes().entrySet()) {
                attributes.put(attribute.getKey(), sqsAttribute(attribute.getValue()));
                size += attribute.getValue().size(attribute.getKey());
            }
            return new SqsMessage(notification.message(), Collections.unmodifiableMap(attributes), groupId, deduplicationId, size);
        }
        String envelope = envelope(notification, subscription, endpoint);
        return new SqsMessage(envelope, Collections.emptyMap(), groupId, deduplicationId, Utf8.length(envelope));
    }

    private static MessageAttributeValue sqsAttribute(MessageAttribute attribute) {
        MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.dataType());
        return attribute.binaryValue() != null
                ? value.binaryValue(attribute.binaryValue()).build()
                : value.stringValue(attribute.stringValue()).build();
    }

    /**
     * The JSON document SNS delivers to a non-raw SQS subscription, laid out as AWS lays it out. Subject only when
     * one was published; FIFO topics carry a sequence number and no signature fields.
     */
    private static String envelope(Notification notification, Subscription subscription, String endpoint) {
        Topic topic = subscription.topic();
        StringBuilder json = new StringBuilder(notification.message().length() + 640);
        json.append('{');
        field(json, "Type", "Notification", true);
        field(json, "MessageId", notification.messageId(), false);
        if (topic.fifo()) {
            field(json, "SequenceNumber", notification.sequenceNumber(), false);
        }
        field(json, "TopicArn", notification.topicArn(), false);
        if (notification.subject() != null) {
            field(json, "Subject", notification.subject(), false);
        }
        field(json, "Message", notification.message(), false);
        field(json, "Timestamp", notification.timestamp(), false);
        if (!topic.fifo()) {
            field(json, "SignatureVersion", topic.signatureVersion(), false);
            field(json, "Signature", SIGNATURE, false);
            field(json, "SigningCertURL", endpoint + "/SimpleNotificationService-local.pem", false);
        }
        field(json, "UnsubscribeURL", endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + subscription.arn(), false);
        if (!notification.attributes().isEmpty()) {
            json.append(",\n  \"MessageAttributes\" : {");
            boolean first = true;
            for (Map.Entry<String, MessageAttribute> attribute : notification.attributes().entrySet()) {
                json.append(first ? "\n    \"" : ",\n    \"");
                JSON_STRINGS.quoteAsString(attribute.getKey(), json);
                json.append("\" : {\"Type\":\"");
                JSON_STRINGS.quoteAsString(attribute.getValue().dataType(), json);
                json.append("\",\"Value\":\"");
                JSON_STRINGS.quoteAsString(attribute.getValue().textValue(), json);
                json.append("\"}");
                first = false;
            }
            json.append("\n  }");
        }
        return json.append("\n}").toString();
    }

    private static void field(StringBuilder json, String name, String value, boolean first) {
        json.append(first ? "\n  \"" : ",\n  \"").append(name).append("\" : \"");
        JSON_STRINGS.quoteAsString(value, json);
        json.append('"');
    }
}
