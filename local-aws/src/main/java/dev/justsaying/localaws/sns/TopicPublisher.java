package dev.justsaying.localaws.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Publishing to a topic: validates a publish as SNS does, then fans it out to every subscription whose filter policy
 * it passes, handing one {@link SqsMessage} per subscription to the asynchronous {@link SqsDelivery}.
 */
final class TopicPublisher {

    /** The most a message and its attributes may take, in bytes. */
    static final int MAX_MESSAGE_BYTES = 262_144;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SqsDelivery delivery;
    private final String endpoint;

    TopicPublisher(SqsDelivery delivery, String endpoint) {
        this.delivery = delivery;
        this.endpoint = endpoint;
    }

    /** The parameters Publish and a PublishBatch entry share. */
    record Request(String message, String subject, String messageStructure, Map<String, MessageAttribute> attributes,
            String messageGroupId, String deduplicationId) {

        static Request read(QueryRequest parameters) {
            return new Request(parameters.optional("Message"), parameters.optional("Subject"),
                    parameters.optional("MessageStructure"), MessageAttribute.read(parameters, "MessageAttributes"),
                    parameters.optional("MessageGroupId"), parameters.optional("MessageDeduplicationId"));
        }
    }

    /** A publish that passed validation: the text SQS subscribers get, its size and (FIFO) deduplication id. */
    record Accepted(Topic topic, Request request, String messageForSqs, int size, String deduplicationId) {
    }

    /** The outcome of a publish: the message id, and on FIFO topics the sequence number. */
    record Published(String messageId, String sequenceNumber) {
    }

    /** Refuses new publishes while deliveries are too far behind ({@code Throttled}, which the SDK retries). */
    void checkCapacity() {
        if (!delivery.hasCapacity()) {
            throw SnsException.throttled();
        }
    }

    Accepted validate(Topic topic, Request request) {
        String message = request.message();
        if (message == null || message.isEmpty()) {
            throw SnsException.invalidParameter("Empty message");
        }
        validateSubject(request.subject());
        String messageForSqs = messageForSqs(message, request.messageStructure());
        int size = Utf8.length(message);
        for (Map.Entry<String, MessageAttribute> attribute : request.attributes().entrySet()) {
            size += attribute.getValue().size(attribute.getKey());
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw SnsException.messageTooLong();
        }
        return new Accepted(topic, request, messageForSqs, size, fifoDeduplicationId(topic, request));
    }

    private static void validateSubject(String subject) {
        if (subject == null) {
            return;
        }
        boolean valid = !subject.isEmpty() && subject.length() <= 100 && subject.charAt(0) != ' ';
        for (int i = 0; valid && i < subject.length(); i++) {
            char c = subject.charAt(i);
            valid = c >= 0x20 && c < 0x7F;
        }
        if (!valid) {
            throw SnsException.invalidParameter("Subject");
        }
    }

    /** The message SQS subscribers get: the message itself, or for MessageStructure=json its sqs or default entry. */
    private static String messageForSqs(String message, String structure) {
        if (structure == null) {
            return message;
        }
        if (!structure.equals("json")) {
            throw SnsException.invalidParameter("MessageStructure");
        }
        JsonNode perProtocol;
        try {
            perProtocol = JSON.readTree(message);
        } catch (IOException notJson) {
            throw SnsException.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (perProtocol == null || !perProtocol.isObject() || !perProtocol.path("default").isTextual()) {
            throw SnsException.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        JsonNode forSqs = perProtocol.path("sqs");
        return forSqs.isTextual() ? forSqs.textValue() : perProtocol.get("default").textValue();
    }

    private static String fifoDeduplicationId(Topic topic, Request request) {
        if (!topic.fifo()) {
            if (request.deduplicationId() != null) {
                throw SnsException.invalidParameter("MessageDeduplicationId Reason: The request includes "
                        + "MessageDeduplicationId parameter that is not valid for this topic type");
            }
            if (request.messageGroupId() != null) {
                throw SnsException.invalidParameter("MessageGroupId Reason: The request includes "
                        + "MessageGroupId parameter that is not valid for this topic type");
            }
            return null;
        }
        if (request.messageGroupId() == null) {
            throw SnsException.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        validateFifoId("MessageGroupId", request.messageGroupId());
        if (request.deduplicationId() != null) {
            validateFifoId("MessageDeduplicationId", request.deduplicationId());
            return request.deduplicationId();
        }
        if (!topic.contentBasedDeduplication()) {
            throw SnsException.invalidParameter("The topic should either have ContentBasedDeduplication enabled "
                    + "or MessageDeduplicationId provided explicitly");
        }
        return sha256Hex(request.message());
    }

    private static void validateFifoId(String parameter, String id) {
        boolean valid = !id.isEmpty() && id.length() <= 128;
        for (int i = 0; valid && i < id.length(); i++) {
            char c = id.charAt(i);
            valid = c >= 0x21 && c <= 0x7E;
        }
        if (!valid) {
            throw SnsException.invalidParameter(parameter + " Reason: it must be 1 to 128 printable ASCII characters");
        }
    }

    private static String sha256Hex(String message) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException notOnThisJvm) {
            throw new IllegalStateException("SHA-256 is a required JVM algorithm", notOnThisJvm);
        }
    }

    /** Publishes accepted messages in order, letting their deliveries share SendMessageBatch calls. */
    List<Published> publishAll(List<Accepted> accepted) {
        return delivery.together(() -> accepted.stream().map(this::publish).toList());
    }

    /** Publishes an accepted message; on FIFO topics in publish order and deduplicated. */
    Published publish(Accepted accepted) {
        Topic topic = accepted.topic();
        if (!topic.fifo()) {
            return fanOut(accepted, null);
        }
        return topic.publishOnce(accepted.deduplicationId(), sequenceNumber -> fanOut(accepted, sequenceNumber));
    }

    private Published fanOut(Accepted accepted, String sequenceNumber) {
        Request request = accepted.request();
        Notification notification = new Notification(Ids.uuid(), accepted.topic().arn(), request.subject(),
                accepted.messageForSqs(), TIMESTAMP.format(Instant.now()), request.attributes(),
                request.messageGroupId(), accepted.deduplicationId(), sequenceNumber);
        for (Subscription subscription : accepted.topic().subscriptions()) {
            if (subscription.settings().accepts(notification)) {
                delivery.deliver(subscription.queue(), SqsMessage.of(notification, subscription, endpoint));
            }
        }
        return new Published(notification.messageId(), sequenceNumber);
    }
}
