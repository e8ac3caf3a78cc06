package dev.justsaying.localaws.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A message attribute of a publish: its data type ({@code String}, {@code Number}, {@code Binary},
 * {@code String.Array}, or one of the first three with a custom suffix) and its value, text or binary.
 */
record MessageAttribute(String dataType, String stringValue, SdkBytes binaryValue) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");

    /** Reads and validates {@code <parameter>.entry.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue}. */
    static Map<String, MessageAttribute> read(QueryRequest request, String parameter) {
        var entries = request.mapEntries(parameter);
        if (entries.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (QueryRequest entry : entries) {
            String name = entry.optional("Name");
            validateName(name);
            attributes.put(name, validated(name, entry.optional("Value.DataType"), entry.optional("Value.StringValue"),
                    entry.optional("Value.BinaryValue")));
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                || name.contains("..") || name.regionMatches(true, 0, "AWS.", 0, 4)
                || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
            throw SnsException.invalidParameterValue("The message attribute name '" + name + "' is invalid. "
                    + "Names may only contain alphanumeric characters, hyphens, underscores and periods.");
        }
    }

    private static MessageAttribute validated(String name, String dataType, String stringValue, String binaryValue) {
        if (dataType == null || dataType.isEmpty()) {
            throw SnsException.invalidParameterValue(
                    "The message attribute '" + name + "' must contain non-empty message attribute type.");
        }
        String baseType = baseType(dataType);
        switch (baseType) {
            case "Binary" -> {
                if (binaryValue == null || binaryValue.isEmpty()) {
                    throw emptyValue(name, dataType);
                }
                try {
                    return new MessageAttribute(dataType, null, SdkBytes.fromByteArray(Base64.getDecoder().decode(binaryValue)));
                } catch (IllegalArgumentException notBase64) {
                    throw SnsException.invalidParameterValue(
                            "The message attribute '" + name + "' has a binary value that is not valid base64.");
                }
            }
            case "String", "Number" -> {
                if (stringValue == null || stringValue.isEmpty()) {
                    throw emptyValue(name, dataType);
                }
                if (baseType.equals("Number")) {
                    parseNumber(name, stringValue);
                } else if (dataType.equals("String.Array")) {
                    parseArray(name, stringValue);
                }
                return new MessageAttribute(dataType, stringValue, null);
            }
            default -> throw SnsException.invalidParameterValue("The message attribute '" + name
                    + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
    }

    private static SnsException emptyValue(String name, String dataType) {
        return SnsException.invalidParameterValue("The message attribute '" + name
                + "' must contain non-empty message attribute value for message attribute type '" + dataType + "'.");
    }

    private static BigDecimal parseNumber(String name, String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException notANumber) {
            throw SnsException.invalidParameterValue("Could not cast message attribute '" + name + "' value to number.");
        }
    }

    private static JsonNode parseArray(String name, String value) {
        try {
            JsonNode array = JSON.readTree(value);
            if (array != null && array.isArray() && noContainers(array)) {
                return array;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw SnsException.invalidParameterValue("The message attribute '" + name
                + "' with type 'String.Array' must have a JSON array of strings, numbers, true, false or null as its value.");
    }

    private static boolean noContainers(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** {@code String}, {@code Number} or {@code Binary}: the type without its custom suffix. */
    static String baseType(String dataType) {
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    /** The value as SNS writes it into a JSON envelope: the text, or the binary in base64. */
    String textValue() {
        return binaryValue != null ? Base64.getEncoder().encodeToString(binaryValue.asByteArrayUnsafe()) : stringValue;
    }

    /** The bytes this attribute adds to a message's size: name, type and value. */
    int size(String name) {
        int value = binaryValue != null ? binaryValue.asByteArrayUnsafe().length : Utf8.length(stringValue);
        return Utf8.length(name) + Utf8.length(dataType) + value;
    }

    /**
     * The values a filter policy sees, as JSON: a String is text, a Number a number, a String.Array its elements;
     * a Binary attribute is invisible to filter policies (an empty array).
     */
    JsonNode filterValues(String name) {
        return switch (baseType(dataType)) {
            case "Number" -> JSON.getNodeFactory().arrayNode().add(parseNumber(name, stringValue));
            case "String" -> dataType.equals("String.Array")
                    ? parseArray(name, stringValue)
                    : JSON.getNodeFactory().arrayNode().add(stringValue);
            default -> JSON.getNodeFactory().arrayNode();
        };
    }
}
