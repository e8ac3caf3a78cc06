package dev.justsaying.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.justsaying.wire.MalformedMessageException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a message (record or POJO) and its {@link MessageMetadata} into the JSON object JustSaying .NET writes,
 * and back.
 *
 * <p>Writing: properties named per {@link WireOptions#propertyNaming()} (PascalCase by default, like .NET),
 * nulls omitted, enums by name, dates ISO-8601 (UTC instants with at most 7 fractional digits), and the metadata
 * fields added to the same object. A message's own property of the same name as a metadata field
 * (case-insensitive) wins: the metadata value is then not written.
 *
 * <p>Reading is tolerant, as .NET's readers are: property names case-insensitive (PascalCase and camelCase both
 * read), unknown properties ignored, enums by name (case-insensitive) or by ordinal, timestamps with 0-7 (or more)
 * fractional digits with {@code Z}, an offset or no zone (= UTC). A missing {@code Id} or {@code TimeStamp} gets a
 * new random id or the current time, which is what .NET's {@code Message} constructor leaves in place.
 *
 * <p>Thread-safe; build one per bus and reuse it.
 */
public final class MessageSerializer {

    private enum MetadataField {
        ID("id"), TIME_STAMP("timeStamp"), RAISING_COMPONENT("raisingComponent"), VERSION("version"),
        SOURCE_IP("sourceIp"), TENANT("tenant"), CONVERSATION("conversation");

        private final String javaName;

        MetadataField(String javaName) {
            this.javaName = javaName;
        }
    }

    private static final MetadataField[] METADATA_FIELDS = MetadataField.values();
    private static final Map<String, MetadataField> METADATA_BY_LOWER_NAME = Arrays.stream(MetadataField.values())
            .collect(Collectors.toUnmodifiableMap(field -> lower(field.javaName), Function.identity()));

    private static final int UUID_TEXT_LENGTH = 36;

    private final WireOptions options;
    private final JsonMapper mapper;
    private final Map<MetadataField, String> wireNames;
    private final Map<MetadataField, String> lowerWireNames;
    private final Map<Class<?>, Set<String>> ownPropertiesByType = new ConcurrentHashMap<>();

    /** A serializer with the given options. */
    public MessageSerializer(WireOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        PropertyNamingStrategies.NamingBase naming = switch (options.propertyNaming()) {
            case PASCAL_CASE -> new PropertyNamingStrategies.UpperCamelCaseStrategy();
            case CAMEL_CASE -> new PropertyNamingStrategies.LowerCamelCaseStrategy();
        };
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(naming)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // decimals (.NET decimal) keep every digit and their scale through the JSON tree
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new JavaTimeModule())
                .addModule(DotNetDateTimes.jacksonModule());
        options.jacksonModules().forEach(builder::addModule);
        this.mapper = builder.build();
        this.wireNames = Arrays.stream(MetadataField.values())
                .collect(Collectors.toUnmodifiableMap(Function.identity(), field -> naming.translate(field.javaName)));
        this.lowerWireNames = Arrays.stream(MetadataField.values())
                .collect(Collectors.toUnmodifiableMap(Function.identity(), field -> lower(wireNames.get(field))));
    }

    /** The options this serializer was built with. */
    public WireOptions options() {
        return options;
    }

    /**
     * The JSON object of {@code message} with {@code metadata} merged in.
     *
     * @throws IllegalArgumentException if the message cannot be serialized, or does not serialize to a JSON object
     */
    public String serialize(Object message, MessageMetadata metadata) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
        JsonNode tree = mapper.valueToTree(message);
        if (!(tree instanceof ObjectNode json)) {
            throw new IllegalArgumentException("Message " + message.getClass().getName()
                    + " must serialize to a JSON object, not " + tree.getNodeType());
        }
        Set<String> taken = ownProperties(message.getClass());
        Set<String> present = lowerNames(json);
        for (MetadataField field : MetadataField.values()) {
            String value = metadataValue(metadata, field);
            String lowerName = lowerWireNames.get(field);
            if (value != null && !taken.contains(lowerName) && !present.contains(lowerName)) {
                json.put(wireNames.get(field), value);
            }
        }
        return json.toString();
    }

    /**
     * Reads a message of {@code type} and its metadata from a JSON object.
     *
     * @throws MalformedMessageException if the text is not a JSON object, cannot be read as {@code type}, or carries
     *     an invalid {@code Id} or {@code TimeStamp}
     */
    public <T> DeserializedMessage<T> deserialize(String json, Class<T> type) {
        Objects.requireNonNull(type, "type");
        String[] metadata = scanMetadata(json);
        T message;
        try {
            message = mapper.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedMessageException(Reason.UNREADABLE_MESSAGE,
                    "cannot read the message as " + type.getName() + ": " + e.getMessage(), e);
        }
        if (message == null) {
            throw new MalformedMessageException(Reason.UNREADABLE_MESSAGE, "message read as null " + type.getName());
        }
        return new DeserializedMessage<>(message, readMetadata(metadata, ownProperties(type)));
    }

    /**
     * Checks that the text is one well-formed JSON object and picks out the metadata fields' values on the way, by
     * their ordinal: one pass of the tokenizer and no tree, so the message itself is then bound straight from the
     * text. A field's first non-null occurrence counts (a later one of exactly the same name replaces it, as in a
     * JSON tree); a value that is an object or array counts as present but unreadable.
     */
    private String[] scanMetadata(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException(Reason.MESSAGE_NOT_JSON_OBJECT, "message is empty");
        }
        String[] values = new String[METADATA_FIELDS.length];
        String[] namesFound = new String[METADATA_FIELDS.length];
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject(json);
            }
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                MetadataField field = METADATA_BY_LOWER_NAME.get(lower(name));
                if (field == null) {
                    parser.skipChildren();
                    continue;
                }
                int slot = field.ordinal();
                boolean replaces = name.equals(namesFound[slot]);
                if (namesFound[slot] != null && !replaces) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_NULL) {
                    namesFound[slot] = null;
                    values[slot] = null;
                } else {
                    namesFound[slot] = name;
                    values[slot] = scalarText(parser, value);
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedMessageException(Reason.MESSAGE_NOT_JSON_OBJECT,
                        "message is not valid JSON: trailing token " + parser.currentToken() + " after the object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(Reason.MESSAGE_NOT_JSON_OBJECT,
                    "message is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** The text of a scalar as a JSON tree gives it ({@code asText()}); null for an object or array. */
    private static String scalarText(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().toString();
            case VALUE_TRUE, VALUE_FALSE -> Boolean.toString(value == JsonToken.VALUE_TRUE);
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    /** The error for text that is not a JSON object: whether it is JSON at all, as a full parse tells. */
    private MalformedMessageException notAnObject(String json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return new MalformedMessageException(Reason.MESSAGE_NOT_JSON_OBJECT,
                    "message is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new MalformedMessageException(Reason.MESSAGE_NOT_JSON_OBJECT,
                "message is a JSON " + tree.getNodeType() + ", not an object");
    }

    private MessageMetadata readMetadata(String[] found, Set<String> ownProperties) {
        String idText = found[MetadataField.ID.ordinal()];
        UUID id = idText != null && !mayBeUuid(idText) && owns(ownProperties, MetadataField.ID) ? null
                : readStrictly(found, MetadataField.ID, ownProperties, UUID::fromString);
        Instant timeStamp = readStrictly(found, MetadataField.TIME_STAMP, ownProperties,
                text -> DotNetDateTimes.parse(text).toInstant());
        return new MessageMetadata(
                id != null ? id : MessageMetadata.newId(),
                timeStamp != null ? timeStamp : Instant.now(),
                found[MetadataField.RAISING_COMPONENT.ordinal()],
                found[MetadataField.VERSION.ordinal()],
                found[MetadataField.SOURCE_IP.ordinal()],
                found[MetadataField.TENANT.ordinal()],
                found[MetadataField.CONVERSATION.ordinal()]);
    }

    /**
     * Parses a metadata field; a value that does not parse is an error unless the message type owns a property of
     * that name, in which case the value is the message's and the metadata field counts as absent.
     */
    private <V> V readStrictly(String[] found, MetadataField field, Set<String> ownProperties,
                               Function<String, V> parse) {
        String text = found[field.ordinal()];
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            if (owns(ownProperties, field)) {
                return null;
            }
            throw new MalformedMessageException(Reason.UNREADABLE_MESSAGE,
                    "metadata " + wireNames.get(field) + " is invalid: '" + text + "'", e);
        }
    }

    /**
     * Whether {@link UUID#fromString} may take the text: it needs at most 36 characters with exactly four dashes.
     * A message type with an {@code Id} of its own (such as "order-17") has one on every message, so it is told
     * apart without an exception.
     */
    private static boolean mayBeUuid(String text) {
        if (text.length() > UUID_TEXT_LENGTH) {
            return false;
        }
        int dashes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '-') {
                dashes++;
            }
        }
        return dashes == 4;
    }

    private boolean owns(Set<String> ownProperties, MetadataField field) {
        return ownProperties.contains(lowerWireNames.get(field));
    }

    private static String metadataValue(MessageMetadata metadata, MetadataField field) {
        return switch (field) {
            case ID -> metadata.id().toString();
            case TIME_STAMP -> DotNetDateTimes.format(metadata.timeStamp());
            case RAISING_COMPONENT -> metadata.raisingComponent();
            case VERSION -> metadata.version();
            case SOURCE_IP -> metadata.sourceIp();
            case TENANT -> metadata.tenant();
            case CONVERSATION -> metadata.conversation();
        };
    }

    /** Lower-cased JSON names of the properties the type itself declares, as Jackson sees them. */
    private Set<String> ownProperties(Class<?> type) {
        return ownPropertiesByType.computeIfAbsent(type, key -> mapper.getSerializationConfig()
                .introspect(mapper.constructType(key))
                .findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .map(MessageSerializer::lower)
                .collect(Collectors.toUnmodifiableSet()));
    }

    private static Set<String> lowerNames(ObjectNode json) {
        Set<String> names = new HashSet<>();
        json.fieldNames().forEachRemaining(name -> names.add(lower(name)));
        return names;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
