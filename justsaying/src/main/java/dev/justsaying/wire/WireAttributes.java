package dev.justsaying.wire;

/**
 * Names and values of the message attributes that have a meaning on the wire.
 *
 * <p>The first four are JustSaying .NET's own; {@link #MESSAGE_TYPE} is ours, added so that raw messages
 * (which have no {@code Subject}) still say what they are. JustSaying .NET ignores attributes it does not know.
 */
public final class WireAttributes {

    /** Attribute naming how the message body is encoded; absent for plain JSON. */
    public static final String CONTENT_ENCODING = "Content-Encoding";

    /** {@link #CONTENT_ENCODING} value for a body that is base64(gzip(UTF-8 JSON)); compared case-insensitively. */
    public static final String GZIP_BASE64 = "gzip,base64";

    /** W3C Trace Context {@code traceparent}, as a String attribute. */
    public static final String TRACEPARENT = "traceparent";

    /** W3C Trace Context {@code tracestate}, as a String attribute. */
    public static final String TRACESTATE = "tracestate";

    /** Default name of the String attribute carrying the message type name (see {@link WireOptions#typeAttributeName()}). */
    public static final String MESSAGE_TYPE = "MessageType";

    private WireAttributes() {
    }
}
