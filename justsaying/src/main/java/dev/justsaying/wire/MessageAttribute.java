package dev.justsaying.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One SNS/SQS message attribute: a data type and either a string value or a binary value.
 *
 * <p>Data types are {@code String}, {@code Number}, {@code Binary}, {@code String.Array}, or one of these with a
 * custom label ({@code Number.int}, {@code Binary.gif}). Any type starting with {@code Binary} carries bytes;
 * every other type carries its value as a string (numbers too, exactly as AWS transports them).
 *
 * @param dataType the AWS data type
 * @param stringValue the value of a non-binary attribute, otherwise null
 * @param binaryValue the value of a binary attribute, otherwise null (copied in and out: the record stays immutable)
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    private static final String BINARY = "Binary";

    /** Checks that the value matches the data type. */
    public MessageAttribute {
        if (dataType == null || dataType.isBlank()) {
            throw new IllegalArgumentException("A message attribute needs a data type");
        }
        if (isBinaryType(dataType)) {
            Objects.requireNonNull(binaryValue, () -> dataType + " attribute needs a binary value");
            if (stringValue != null) {
                throw new IllegalArgumentException(dataType + " attribute cannot have a string value");
            }
            binaryValue = binaryValue.clone();
        } else {
            Objects.requireNonNull(stringValue, () -> dataType + " attribute needs a string value");
            if (binaryValue != null) {
                throw new IllegalArgumentException(dataType + " attribute cannot have a binary value");
            }
        }
    }

    /** A {@code String} attribute. */
    public static MessageAttribute ofString(String value) {
        return new MessageAttribute("String", value, null);
    }

    /** A {@code Number} attribute; AWS carries numbers as their decimal text. */
    public static MessageAttribute ofNumber(Number value) {
        return new MessageAttribute("Number", value.toString(), null);
    }

    /** A {@code Binary} attribute. */
    public static MessageAttribute ofBinary(byte[] value) {
        return new MessageAttribute(BINARY, null, value);
    }

    /**
     * An attribute of any data type from its textual wire value: base64 for binary types, the value itself otherwise.
     *
     * @throws IllegalArgumentException if a binary value is not valid base64
     */
    public static MessageAttribute fromWireValue(String dataType, String value) {
        return isBinaryType(dataType)
                ? new MessageAttribute(dataType, null, Base64Text.decode(value))
                : new MessageAttribute(dataType, value, null);
    }

    /** Whether this attribute carries bytes ({@code Binary} or {@code Binary.<label>}). */
    public boolean isBinary() {
        return isBinaryType(dataType);
    }

    /** A copy of the binary value, or null. */
    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    /** Bytes this attribute counts towards the AWS message size limit: name, data type and value. */
    int sizeInBytes(String name) {
        int valueSize = isBinary() ? binaryValue.length : utf8Length(stringValue);
        return utf8Length(name) + utf8Length(dataType) + valueSize;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isBinaryType(String dataType) {
        return dataType.startsWith(BINARY);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute that
                && dataType.equals(that.dataType)
                && Objects.equals(stringValue, that.stringValue)
                && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        return isBinary()
                ? dataType + "[" + binaryValue.length + " bytes]"
                : dataType + "[" + stringValue + "]";
    }
}
