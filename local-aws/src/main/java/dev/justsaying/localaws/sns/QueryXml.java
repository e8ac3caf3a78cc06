package dev.justsaying.localaws.sns;

import java.util.Map;

/**
 * Writes the XML documents of the AWS Query protocol in the SNS namespace: {@code <ActionResponse>} with an optional
 * {@code <ActionResult>} and the {@code ResponseMetadata}, and {@code <ErrorResponse>}. Text is always escaped.
 */
final class QueryXml {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final StringBuilder xml = new StringBuilder(256);
    private final String action;
    private final boolean hasResult;

    private QueryXml(String action, boolean hasResult) {
        this.action = action;
        this.hasResult = hasResult;
        xml.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        if (hasResult) {
            xml.append('<').append(action).append("Result>");
        }
    }

    /** A response whose result element carries the action's output. */
    static QueryXml withResult(String action) {
        return new QueryXml(action, true);
    }

    /** A response of an action that returns nothing but its request id. */
    static QueryXml withoutResult(String action) {
        return new QueryXml(action, false);
    }

    /** Writes {@code <name>value</name>}; a null value writes nothing. */
    QueryXml element(String name, String value) {
        if (value != null) {
            open(name);
            escape(value, xml);
            close(name);
        }
        return this;
    }

    QueryXml open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    QueryXml close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** Writes a map of strings the way the Query protocol does: {@code <name><entry><key/><value/></entry>...</name>}. */
    QueryXml entries(String name, Map<String, String> map) {
        open(name);
        map.forEach((key, value) -> open("entry").element("key", key).element("value", value).close("entry"));
        return close(name);
    }

    /** Closes the document with the response metadata. */
    String finish(String requestId) {
        if (hasResult) {
            close(action + "Result");
        }
        open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata");
        return close(action + "Response").xml.toString();
    }

    /** The {@code ErrorResponse} document for an error. */
    static String error(SnsException error, String requestId) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\"><Error><Type>")
                .append(error.senderFault() ? "Sender" : "Receiver").append("</Type><Code>");
        escape(error.code(), xml);
        xml.append("</Code><Message>");
        escape(error.getMessage(), xml);
        xml.append("</Message></Error><RequestId>");
        escape(requestId, xml);
        return xml.append("</RequestId></ErrorResponse>").toString();
    }

    /**
     * Escapes XML markup characters, and carriage returns as character references so that XML parsers do not
     * normalise them away; characters XML 1.0 cannot carry at all are replaced by U+FFFD.
     */
    static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
