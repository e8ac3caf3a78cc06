package dev.justsaying.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a message and its metadata as JustSaying .NET reads it, for a topic, a queue or a raw queue:
 * serializes it, adds the type attribute where the body has no {@code Subject}, compresses it when it is larger
 * than the threshold ({@code Content-Encoding: gzip,base64}, the message JSON replaced by base64(gzip(UTF-8))),
 * and refuses it with {@link MessageTooLargeException} when it still exceeds the limit, before any AWS call.
 * Thread-safe.
 */
public final class MessageWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageWriter.class);
    private static final int MAX_SNS_SUBJECT_LENGTH = 100;
    private static final JsonFactory ENVELOPE_JSON = new JsonFactory();

    private final MessageSerializer serializer;
    private final WireOptions options;

    /** A writer using {@code serializer} and its options. */
    public MessageWriter(MessageSerializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.options = serializer.options();
    }

    /** Writes a message without attributes of the caller's own. */
    public OutboundMessage write(Object message, MessageMetadata metadata, Destination destination) {
        return write(message, metadata, destination, Map.of());
    }

    /**
     * Writes a message.
     *
     * @param attributes the caller's attributes (e.g. {@code traceparent}); must not use the names this writer sets
     *     ({@code Content-Encoding}, the type attribute)
     * @throws MessageTooLargeException if it exceeds {@link WireOptions#maxMessageBytes()} even compressed
     * @throws IllegalArgumentException if the message cannot be serialized, its type name is not a valid SNS subject,
     *     or an attribute name is reserved
     */
    public OutboundMessage write(Object message, MessageMetadata metadata, Destination destination,
                                 Map<String, MessageAttribute> attributes) {
        Objects.requireNonNull(destination, "destination");
        String typeName = options.typeNamer().typeNameOf(message.getClass());
        if (destination == Destination.TOPIC) {
            requireValidSnsSubject(typeName);
        }
        Map<String, MessageAttribute> sent = new HashMap<>(attributes);
        reserve(sent, WireAttributes.CONTENT_ENCODING);
        options.typeAttributeName().ifPresent(name -> {
            reserve(sent, name);
            if (destination != Destination.QUEUE) {
                sent.put(name, MessageAttribute.ofString(typeName));
            }
        });

        String json = serializer.serialize(message, metadata);
        String body = body(destination, typeName, json);
        int size = sizeOf(body, sent);
        int uncompressedSize = size;
        OptionalInt threshold = options.compressionThresholdBytes();
        boolean compress = threshold.isPresent() && size > threshold.getAsInt();
        if (compress) {
            sent.put(WireAttributes.CONTENT_ENCODING, MessageAttribute.ofString(WireAttributes.GZIP_BASE64));
            body = body(destination, typeName, GzipBase64.encode(json));
            size = sizeOf(body, sent);
            LOG.debug("Compressed message {} {} from {} to {} bytes", typeName, metadata.id(), uncompressedSize, size);
        }
        if (size > options.maxMessageBytes()) {
            throw new MessageTooLargeException(typeName, size, uncompressedSize, options.maxMessageBytes());
        }
        return new OutboundMessage(body, typeName, sent, compress, size);
    }

    private static String body(Destination destination, String typeName, String message) {
        return switch (destination) {
            case TOPIC, RAW_QUEUE -> message;
            case QUEUE -> queueEnvelope(typeName, message);
        };
    }

    /** {@code {"Subject":…,"Message":…}}, written straight to text rather than through a JSON tree. */
    private static String queueEnvelope(String typeName, String message) {
        StringWriter text = new StringWriter(message.length() + typeName.length() + 48);
        try (JsonGenerator json = ENVELOPE_JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("Subject", typeName);
            json.writeStringField("Message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return text.toString();
    }

    private static int sizeOf(String body, Map<String, MessageAttribute> attributes) {
        int size = MessageAttribute.utf8Length(body);
        for (Map.Entry<String, MessageAttribute> attribute : attributes.entrySet()) {
            size += attribute.getValue().sizeInBytes(attribute.getKey());
        }
        return size;
    }

    private static void reserve(Map<String, MessageAttribute> attributes, String name) {
        if (attributes.containsKey(name)) {
            throw new IllegalArgumentException("Message attribute '" + name + "' is set by the wire format itself");
        }
    }

    /** SNS subjects: 1-100 printable ASCII characters, no line breaks. */
    private static void requireValidSnsSubject(String typeName) {
        boolean printableAscii = typeName.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        if (typeName.isBlank() || typeName.length() > MAX_SNS_SUBJECT_LENGTH || !printableAscii) {
            throw new IllegalArgumentException("Type name '" + typeName
                    + "' cannot be an SNS subject: 1-100 printable ASCII characters required");
        }
    }
}
