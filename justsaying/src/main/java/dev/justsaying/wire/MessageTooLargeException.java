package dev.justsaying.wire;

/**
 * A message that would exceed the SNS/SQS size limit even after compression, detected before any AWS call.
 * Sizes count the body plus every attribute's name, data type and value, as AWS does.
 */
public final class MessageTooLargeException extends RuntimeException {

    private final String messageType;
    private final int sizeBytes;
    private final int uncompressedSizeBytes;
    private final int limitBytes;

    MessageTooLargeException(String messageType, int sizeBytes, int uncompressedSizeBytes, int limitBytes) {
        super("Message " + messageType + " is " + sizeBytes + " bytes"
                + (sizeBytes == uncompressedSizeBytes ? "" : " after compression (" + uncompressedSizeBytes + " before)")
                + ", over the limit of " + limitBytes + " bytes");
        this.messageType = messageType;
        this.sizeBytes = sizeBytes;
        this.uncompressedSizeBytes = uncompressedSizeBytes;
        this.limitBytes = limitBytes;
    }

    /** The type name of the message. */
    public String messageType() {
        return messageType;
    }

    /** The size it would have had on the wire, compressed if compression applied. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** The size without compression. */
    public int uncompressedSizeBytes() {
        return uncompressedSizeBytes;
    }

    /** The configured limit ({@link WireOptions#maxMessageBytes()}). */
    public int limitBytes() {
        return limitBytes;
    }
}
