package dev.justsaying.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.wire.MalformedMessageException.Reason;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeReaderTest {

    private static final String MESSAGE = "{\"OrderId\":1,\"Id\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}";
    private static final String ESCAPED_MESSAGE = MESSAGE.replace("\"", "\\\"");
    private static final MessageAttribute GZIP = MessageAttribute.ofString(WireAttributes.GZIP_BASE64);

    private final EnvelopeReader reader = new EnvelopeReader(WireOptions.defaults());

    private static String snsNotification(String message, String attributes) {
        return """
                {"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:eu-west-1:123456789012:orderplaced",
                 "Subject":"OrderPlaced","Message":"%s","Timestamp":"2024-03-01T10:15:31.812Z",
                 "SignatureVersion":"1","Signature":"c2ln","SigningCertURL":"https://example/cert.pem",
                 "UnsubscribeURL":"https://example/unsubscribe","MessageAttributes":%s}
                """.formatted(message, attributes);
    }

    private static void assertMalformed(ThrowingCallable read, Reason reason, String detail) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    @Nested
    class WhenSnsDeliveredTheMessage {

        @Test
        void theNotificationIsUnwrapped() {
            ReceivedEnvelope envelope = reader.read(snsNotification(ESCAPED_MESSAGE, "{}"), Map.of());

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SNS_NOTIFICATION);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
            assertThat(envelope.snsMessageId()).contains("m-1");
            assertThat(envelope.topicArn()).contains("arn:aws:sns:eu-west-1:123456789012:orderplaced");
        }

        @Test
        void envelopeAttributesOfEveryTypeAreRead() {
            String attributes = """
                    {"traceparent":{"Type":"String","Value":"00-abc-def-01"},
                     "Priority":{"Type":"Number","Value":"5.5"},
                     "Tags":{"Type":"String.Array","Value":"[\\"a\\",\\"b\\"]"},
                     "Thumbnail":{"Type":"Binary.png","Value":"AQID"}}
                    """;

            ReceivedEnvelope envelope = reader.read(snsNotification(ESCAPED_MESSAGE, attributes), Map.of());

            assertThat(envelope.stringAttribute(WireAttributes.TRACEPARENT)).contains("00-abc-def-01");
            assertThat(envelope.attributes()).containsEntry("Priority", new MessageAttribute("Number", "5.5", null))
                    .containsEntry("Tags", new MessageAttribute("String.Array", "[\"a\",\"b\"]", null))
                    .containsEntry("Thumbnail", new MessageAttribute("Binary.png", null, new byte[] {1, 2, 3}));
        }

        @Test
        void nativeAttributesAreMergedAndTheEnvelopeWinsAClash() {
            String attributes = "{\"Tenant\":{\"Type\":\"String\",\"Value\":\"from-envelope\"}}";
            Map<String, MessageAttribute> nativeAttributes = Map.of(
                    "Tenant", MessageAttribute.ofString("native"),
                    "Hop", MessageAttribute.ofNumber(2));

            ReceivedEnvelope envelope = reader.read(snsNotification(ESCAPED_MESSAGE, attributes), nativeAttributes);

            assertThat(envelope.attributes()).containsOnly(
                    Map.entry("Tenant", MessageAttribute.ofString("from-envelope")),
                    Map.entry("Hop", MessageAttribute.ofNumber(2)));
        }

        @Test
        void aNotificationWithoutSubjectOrAttributesIsStillRead() {
            String body = "{\"Type\":\"Notification\",\"MessageId\":\"m-2\",\"Message\":\"" + ESCAPED_MESSAGE + "\"}";

            ReceivedEnvelope envelope = reader.read(body, Map.of());

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SNS_NOTIFICATION);
            assertThat(envelope.messageType()).isEmpty();
            assertThat(envelope.topicArn()).isEmpty();
            assertThat(envelope.attributes()).isEmpty();
        }

        @Test
        void aCompressedMessageIsDecompressed() {
            String attributes = "{\"Content-Encoding\":{\"Type\":\"String\",\"Value\":\"gzip,base64\"}}";

            ReceivedEnvelope envelope = reader.read(snsNotification(GzipBase64.encode(MESSAGE), attributes), Map.of());

            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
            assertThat(envelope.stringAttribute(WireAttributes.CONTENT_ENCODING)).contains("gzip,base64");
        }
    }

    @Nested
    class WhenJustSayingSentTheMessageToTheQueue {

        @Test
        void theSubjectAndMessageEnvelopeIsUnwrapped() {
            String body = "{\"Subject\":\"OrderPlaced\",\"Message\":\"" + ESCAPED_MESSAGE + "\"}";
            Map<String, MessageAttribute> nativeAttributes = Map.of("traceparent", MessageAttribute.ofString("00-1-2-01"));

            ReceivedEnvelope envelope = reader.read(body, nativeAttributes);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SQS_ENVELOPE);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
            assertThat(envelope.attributes()).isEqualTo(nativeAttributes);
            assertThat(envelope.snsMessageId()).isEmpty();
            assertThat(envelope.topicArn()).isEmpty();
        }

        @Test
        void aCompressedMessageIsDecompressedByTheNativeAttribute() {
            String body = "{\"Message\":\"" + GzipBase64.encode(MESSAGE) + "\",\"Subject\":\"OrderPlaced\"}";

            ReceivedEnvelope envelope = reader.read(body, Map.of(WireAttributes.CONTENT_ENCODING, GZIP));

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SQS_ENVELOPE);
            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
        }
    }

    @Nested
    class WhenTheMessageIsRaw {

        @Test
        void theBodyIsTheMessageAndTheTypeComesFromTheTypeAttribute() {
            Map<String, MessageAttribute> nativeAttributes =
                    Map.of(WireAttributes.MESSAGE_TYPE, MessageAttribute.ofString("OrderPlaced"));

            ReceivedEnvelope envelope = reader.read(MESSAGE, nativeAttributes);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.RAW);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
            assertThat(envelope.attributes()).isEqualTo(nativeAttributes);
        }

        @Test
        void withoutATypeAttributeTheTypeIsLeftToTheSubscription() {
            assertThat(reader.read(MESSAGE, Map.of()).messageType()).isEmpty();
        }

        @Test
        void aReaderWithoutTypeAttributeIgnoresIt() {
            EnvelopeReader dotNetLike = new EnvelopeReader(WireOptions.builder().noTypeAttribute().build());

            ReceivedEnvelope envelope = dotNetLike.read(MESSAGE,
                    Map.of(WireAttributes.MESSAGE_TYPE, MessageAttribute.ofString("OrderPlaced")));

            assertThat(envelope.messageType()).isEmpty();
        }

        @Test
        void aMessageWithATypePropertyIsNotMistakenForAnSnsNotification() {
            String message = "{\"Type\":\"Notification\",\"Message\":\"you have mail\",\"Id\":\"x\"}";

            ReceivedEnvelope envelope = reader.read(message, Map.of());

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.RAW);
            assertThat(envelope.messageJson()).isEqualTo(message);
        }

        @Test
        void aMessageWithSubjectAndMessagePropertiesAmongOthersIsNotMistakenForAnEnvelope() {
            String message = "{\"Subject\":\"Hello\",\"Message\":\"you have mail\",\"Id\":\"x\"}";

            assertThat(reader.read(message, Map.of()).shape()).isEqualTo(EnvelopeShape.RAW);
        }

        @Test
        void aCompressedRawBodyIsDecompressed() {
            ReceivedEnvelope envelope = reader.read(GzipBase64.encode(MESSAGE),
                    Map.of(WireAttributes.CONTENT_ENCODING, MessageAttribute.ofString("GZIP,Base64")));

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.RAW);
            assertThat(envelope.messageJson()).isEqualTo(MESSAGE);
        }
    }

    @Nested
    class WhenTheBodyIsMalformed {

        @ParameterizedTest
        @ValueSource(strings = {"", "  \n "})
        void anEmptyBody(String body) {
            assertMalformed(() -> reader.read(body, Map.of()), Reason.EMPTY_BODY, "empty");
        }

        @Test
        void aNullBody() {
            assertMalformed(() -> reader.read(null, Map.of()), Reason.EMPTY_BODY, "empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{\"Subject\":\"OrderPlaced\",", "{\"a\":1}{\"b\":2}"})
        void aBodyThatIsNotJson(String body) {
            assertMalformed(() -> reader.read(body, Map.of()), Reason.BODY_NOT_JSON, "not JSON");
        }

        @Test
        void aBodyThatIsJsonButNotAnObject() {
            assertMalformed(() -> reader.read("[1]", Map.of()), Reason.BODY_NOT_JSON, "ARRAY");
        }

        @Test
        void anSnsNotificationWithoutMessage() {
            String body = "{\"Type\":\"Notification\",\"MessageId\":\"m-3\",\"TopicArn\":\"arn:t\",\"Subject\":\"X\"}";

            assertMalformed(() -> reader.read(body, Map.of()), Reason.MISSING_MESSAGE, "m-3 has no Message");
        }

        @Test
        void anSnsNotificationWhoseMessageIsNotAString() {
            String body = "{\"Type\":\"Notification\",\"MessageId\":\"m-4\",\"Message\":{\"OrderId\":1}}";

            assertMalformed(() -> reader.read(body, Map.of()), Reason.MISSING_MESSAGE, "no Message string");
        }

        @Test
        void anSqsEnvelopeWithoutMessage() {
            assertMalformed(() -> reader.read("{\"Subject\":\"OrderPlaced\"}", Map.of()),
                    Reason.MISSING_MESSAGE, "SQS envelope with Subject \"OrderPlaced\" has no Message");
        }

        @Test
        void anSnsAttributeWithoutValue() {
            String body = snsNotification(ESCAPED_MESSAGE, "{\"Broken\":{\"Type\":\"String\"}}");

            assertMalformed(() -> reader.read(body, Map.of()), Reason.INVALID_ATTRIBUTE, "'Broken'");
        }

        @Test
        void anSnsBinaryAttributeThatIsNotBase64() {
            String body = snsNotification(ESCAPED_MESSAGE, "{\"Blob\":{\"Type\":\"Binary\",\"Value\":\"***\"}}");

            assertMalformed(() -> reader.read(body, Map.of()), Reason.INVALID_ATTRIBUTE, "'Blob'");
        }

        @Test
        void anUnsupportedContentEncoding() {
            String body = "{\"Subject\":\"OrderPlaced\",\"Message\":\"abc\"}";
            Map<String, MessageAttribute> nativeAttributes =
                    Map.of(WireAttributes.CONTENT_ENCODING, MessageAttribute.ofString("br"));

            assertMalformed(() -> reader.read(body, nativeAttributes), Reason.UNSUPPORTED_ENCODING, "String[br]");
        }

        @Test
        void aCompressedMessageThatIsNotBase64() {
            String body = "{\"Subject\":\"OrderPlaced\",\"Message\":\"%%% not base64 %%%\"}";

            assertMalformed(() -> reader.read(body, Map.of(WireAttributes.CONTENT_ENCODING, GZIP)),
                    Reason.INVALID_COMPRESSION, "not valid base64");
        }

        @Test
        void aCompressedMessageThatIsBase64ButNotGzip() {
            String body = "{\"Subject\":\"OrderPlaced\",\"Message\":\"" + Base64Text.encode(MESSAGE.getBytes()) + "\"}";

            assertMalformed(() -> reader.read(body, Map.of(WireAttributes.CONTENT_ENCODING, GZIP)),
                    Reason.INVALID_COMPRESSION, "not valid gzip");
        }

        @Test
        void aCompressedMessageCutShort() {
            String compressed = GzipBase64.encode(MESSAGE.repeat(20));
            String truncated = Base64Text.encode(Arrays.copyOf(Base64Text.decode(compressed), 30));
            String body = "{\"Subject\":\"OrderPlaced\",\"Message\":\"" + truncated + "\"}";

            assertMalformed(() -> reader.read(body, Map.of(WireAttributes.CONTENT_ENCODING, GZIP)),
                    Reason.INVALID_COMPRESSION, "not valid gzip");
        }
    }
}
