package dev.justsaying.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What SNS puts in an SQS queue for a non-raw subscription when a message is published: the notification JSON. */
final class SnsDelivery {

    private SnsDelivery() {
    }

    static String notificationFor(OutboundMessage published) {
        ObjectNode notification = JsonNodeFactory.instance.objectNode()
                .put("Type", "Notification")
                .put("MessageId", "5f0b6c9e-0000-4000-8000-000000000001")
                .put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:orderplaced")
                .put("Subject", published.subject())
                .put("Message", published.body())
                .put("Timestamp", "2024-03-01T10:15:31.812Z")
                .put("SignatureVersion", "1")
                .put("Signature", "c2lnbmF0dXJl")
                .put("SigningCertURL", "https://sns.eu-west-1.amazonaws.com/cert.pem")
                .put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe");
        ObjectNode attributes = notification.putObject("MessageAttributes");
        for (Map.Entry<String, MessageAttribute> attribute : published.attributes().entrySet()) {
            MessageAttribute value = attribute.getValue();
            attributes.putObject(attribute.getKey())
                    .put("Type", value.dataType())
                    .put("Value", value.isBinary() ? Base64Text.encode(value.binaryValue()) : value.stringValue());
        }
        return notification.toString();
    }
}
