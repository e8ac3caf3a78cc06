package dev.justsaying.wire;

import java.util.Objects;

/**
 * A received message that cannot be read: its body, envelope, attributes or JSON are not what the wire format
 * allows. Such a message must not be deleted or dropped: let it fail so that it reaches the error queue once its
 * receives run out, and report {@link #reason()} to the monitor.
 */
public final class MalformedMessageException extends RuntimeException {

    /** What was wrong, as a stable code for logs and metrics; the exception message has the details. */
    public enum Reason {
        /** The SQS body was null or blank. */
        EMPTY_BODY,
        /** The SQS body was neither JSON nor a compressed body. */
        BODY_NOT_JSON,
        /** An SNS notification or SQS envelope without a {@code Message} string. */
        MISSING_MESSAGE,
        /** A message attribute in the SNS envelope without a valid {@code Type} and {@code Value}. */
        INVALID_ATTRIBUTE,
        /** A {@code Content-Encoding} other than {@code gzip,base64}. */
        UNSUPPORTED_ENCODING,
        /** A compressed body that is not valid base64, gzip or UTF-8, or that expands beyond the limit. */
        INVALID_COMPRESSION,
        /** The message itself is not a JSON object. */
        MESSAGE_NOT_JSON_OBJECT,
        /** The message JSON cannot be read as the requested type, or its metadata is invalid. */
        UNREADABLE_MESSAGE
    }

    private final Reason reason;

    MalformedMessageException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    MalformedMessageException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The kind of problem, stable across releases. */
    public Reason reason() {
        return reason;
    }
}
