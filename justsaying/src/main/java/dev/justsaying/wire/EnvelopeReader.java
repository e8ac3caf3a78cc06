package dev.justsaying.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.justsaying.wire.MalformedMessageException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an SQS message body and its native attributes into a {@link ReceivedEnvelope}, recognising the shape:
 *
 * <ul>
 *   <li>{@link EnvelopeShape#SNS_NOTIFICATION}: a JSON object with {@code "Type":"Notification"} and a
 *       {@code TopicArn} or {@code MessageId};</li>
 *   <li>{@link EnvelopeShape#SQS_ENVELOPE}: a JSON object with no properties but {@code Subject} and
 *       {@code Message} (which must be a string), as JustSaying writes for queues;</li>
 *   <li>{@link EnvelopeShape#RAW}: anything else that is a JSON object, or a compressed body.</li>
 * </ul>
 *
 * <p>Envelope property names are matched exactly, as AWS and JustSaying write them. When the attributes say
 * {@code Content-Encoding: gzip,base64}, the message is decompressed. Thread-safe.
 */
public final class EnvelopeReader {

    private static final JsonMapper ENVELOPE_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Reads one property's value where the parser stands, the rest of the body still to come. */
    private static final ObjectReader FIELD_VALUE =
            ENVELOPE_JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> SQS_ENVELOPE_PROPERTIES = Set.of("Subject", "Message");
    /** The properties of either envelope this reader looks at. */
    private static final Set<String> ENVELOPE_PROPERTIES =
            Set.of("Type", "TopicArn", "MessageId", "Subject", "Message", "MessageAttributes");

    private final Optional<String> typeAttributeName;

    /** A reader that takes the type attribute name of raw messages from {@code options}. */
    public EnvelopeReader(WireOptions options) {
        this.typeAttributeName = options.typeAttributeName();
    }

    /**
     * Reads one SQS message.
     *
     * @param body the SQS message body
     * @param nativeAttributes the SQS message attributes (not the system attributes); may be empty
     * @throws MalformedMessageException if the body is empty, not JSON, an envelope without its {@code Message},
     *     carries invalid attributes, or cannot be decompressed
     */
    public ReceivedEnvelope read(String body, Map<String, MessageAttribute> nativeAttributes) {
        Objects.requireNonNull(nativeAttributes, "nativeAttributes");
        if (body == null || body.isBlank()) {
            throw new MalformedMessageException(Reason.EMPTY_BODY, "the SQS message body is empty");
        }
        TopLevel json;
        try {
            json = TopLevel.read(body);
        } catch (JsonProcessingException e) {
            if (nativeAttributes.containsKey(WireAttributes.CONTENT_ENCODING)) {
                return raw(body, nativeAttributes);
            }
            throw new MalformedMessageException(Reason.BODY_NOT_JSON,
                    "the SQS message body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (json.notAnObject != null) {
            throw new MalformedMessageException(Reason.BODY_NOT_JSON,
                    "the SQS message body is a JSON " + json.notAnObject + ", not an object");
        }
        if (isSnsNotification(json)) {
            return snsNotification(json, nativeAttributes);
        }
        if (json.onlySubjectAndMessage) {
            return sqsEnvelope(json, nativeAttributes);
        }
        return raw(body, nativeAttributes);
    }

    private ReceivedEnvelope raw(String body, Map<String, MessageAttribute> attributes) {
        Optional<String> messageType = typeAttributeName
                .map(attributes::get)
                .filter(attribute -> !attribute.isBinary())
                .map(MessageAttribute::stringValue);
        return new ReceivedEnvelope(EnvelopeShape.RAW, messageType, decompressIfEncoded(body, attributes),
                attributes, Optional.empty(), Optional.empty());
    }

    private static ReceivedEnvelope sqsEnvelope(TopLevel json, Map<String, MessageAttribute> nativeAttributes) {
        String message = text(json, "Message").orElseThrow(() -> new MalformedMessageException(Reason.MISSING_MESSAGE,
                "SQS envelope with Subject " + json.fields.get("Subject") + " has no Message string"));
        return new ReceivedEnvelope(EnvelopeShape.SQS_ENVELOPE, text(json, "Subject"),
                decompressIfEncoded(message, nativeAttributes), nativeAttributes, Optional.empty(), Optional.empty());
    }

    private static ReceivedEnvelope snsNotification(TopLevel json, Map<String, MessageAttribute> nativeAttributes) {
        String message = text(json, "Message").orElseThrow(() -> new MalformedMessageException(Reason.MISSING_MESSAGE,
                "SNS notification " + text(json, "MessageId").orElse("without MessageId") + " has no Message string"));
        Map<String, MessageAttribute> attributes = new HashMap<>(nativeAttributes);
        attributes.putAll(snsAttributes(json.fields.get("MessageAttributes")));
        return new ReceivedEnvelope(EnvelopeShape.SNS_NOTIFICATION, text(json, "Subject"),
                decompressIfEncoded(message, attributes), attributes,
                text(json, "MessageId"), text(json, "TopicArn"));
    }

    /** {@code "MessageAttributes": {name: {"Type": ..., "Value": ...}}}; binary values are base64. */
    private static Map<String, MessageAttribute> snsAttributes(JsonNode node) {
        Map<String, MessageAttribute> attributes = new HashMap<>();
        if (node == null || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            throw new MalformedMessageException(Reason.INVALID_ATTRIBUTE, "SNS MessageAttributes is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode type = field.getValue().get("Type");
            JsonNode value = field.getValue().get("Value");
            if (type == null || !type.isTextual() || value == null || !value.isTextual()) {
                throw new MalformedMessageException(Reason.INVALID_ATTRIBUTE,
                        "SNS message attribute '" + field.getKey() + "' needs a string Type and Value");
            }
            try {
                attributes.put(field.getKey(), MessageAttribute.fromWireValue(type.asText(), value.asText()));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException(Reason.INVALID_ATTRIBUTE,
                        "SNS message attribute '" + field.getKey() + "' is invalid: " + e.getMessage(), e);
            }
        }
        return attributes;
    }

    private static String decompressIfEncoded(String message, Map<String, MessageAttribute> attributes) {
        MessageAttribute encoding = attributes.get(WireAttributes.CONTENT_ENCODING);
        if (encoding == null) {
            return message;
        }
        if (encoding.isBinary() || !WireAttributes.GZIP_BASE64.equalsIgnoreCase(encoding.stringValue().trim())) {
            throw new MalformedMessageException(Reason.UNSUPPORTED_ENCODING,
                    WireAttributes.CONTENT_ENCODING + " " + encoding + " is not supported, only "
                            + WireAttributes.GZIP_BASE64);
        }
        return GzipBase64.decode(message);
    }

    private static boolean isSnsNotification(TopLevel json) {
        return text(json, "Type").filter("Notification"::equals).isPresent()
                && (json.fields.containsKey("TopicArn") || json.fields.containsKey("MessageId"));
    }

    private static Optional<String> text(TopLevel json, String name) {
        JsonNode node = json.fields.get(name);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /**
     * What the envelope reader needs of a body, read in one streaming pass with no tree of the whole body: the
     * values of the envelope properties (the last of a repeated name, as in a JSON tree), whether the body holds
     * nothing but {@code Subject} and {@code Message}, and, for a body that is JSON but no object, what it is.
     */
    private static final class TopLevel {
        private final Map<String, JsonNode> fields = new HashMap<>();
        private boolean onlySubjectAndMessage;
        private JsonNodeType notAnObject;

        static TopLevel read(String body) throws JsonProcessingException {
            TopLevel json = new TopLevel();
            try (JsonParser parser = ENVELOPE_JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    json.notAnObject = ENVELOPE_JSON.readTree(body).getNodeType();
                    return json;
                }
                boolean any = false;
                boolean onlyEnvelope = true;
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    parser.nextToken();
                    any = true;
                    if (ENVELOPE_PROPERTIES.contains(name)) {
                        json.fields.put(name, FIELD_VALUE.readTree(parser));
                    } else {
                        parser.skipChildren();
                    }
                    onlyEnvelope &= SQS_ENVELOPE_PROPERTIES.contains(name);
                }
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "trailing token " + parser.currentToken() + " after the body");
                }
                json.onlySubjectAndMessage = any && onlyEnvelope;
            } catch (JsonProcessingException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return json;
        }
    }
}
