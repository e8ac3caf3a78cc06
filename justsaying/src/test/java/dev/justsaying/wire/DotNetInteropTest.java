package dev.justsaying.wire;

import static dev.justsaying.wire.TestMessages.someMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.justsaying.wire.TestMessages.OrderLine;
import dev.justsaying.wire.TestMessages.OrderPlaced;
import dev.justsaying.wire.TestMessages.OrderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bodies written exactly as JustSaying .NET writes them (see src/test/resources/dev/justsaying/wire/dotnet), read by
 * us; and what we write, checked against what JustSaying's readers look for.
 */
class DotNetInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID SAMPLE_ID = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    private final EnvelopeReader reader = new EnvelopeReader(WireOptions.defaults());
    private final MessageSerializer serializer = new MessageSerializer(WireOptions.defaults());
    private final MessageWriter writer = new MessageWriter(serializer);

    private static String sample(String name) {
        try (InputStream in = DotNetInteropTest.class.getResourceAsStream("dotnet/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The order of the Newtonsoft samples, as the Java side models it. */
    private static OrderPlaced theSampleOrder() {
        return new OrderPlaced(42, "Zoë", OrderStatus.OPEN, Instant.parse("2024-03-01T10:15:30.1234567Z"),
                new BigDecimal("12.50"), List.of(new OrderLine("PIZZA-1", 2)));
    }

    @Nested
    class WhenReadingWhatJustSayingWrote {

        @Test
        void anSnsNotificationWrappingANewtonsoftMessageWithSevenDigitTimestamps() {
            ReceivedEnvelope envelope = reader.read(sample("newtonsoft-sns-notification.json"), Map.of());
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(envelope.messageJson(), OrderPlaced.class);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SNS_NOTIFICATION);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(envelope.snsMessageId()).contains("7a6e3c52-9f1b-5a1e-8d3e-2b1c0f9e4d21");
            assertThat(envelope.topicArn()).contains("arn:aws:sns:eu-west-1:123456789012:orderplaced");
            assertThat(envelope.attributes()).containsOnly(
                    Map.entry("traceparent", MessageAttribute.ofString("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")),
                    Map.entry("Priority", MessageAttribute.ofNumber(5)),
                    Map.entry("Checksum", MessageAttribute.ofBinary(new byte[] {1, 2, 3, (byte) 255})));
            assertThat(read.message()).isEqualTo(theSampleOrder());
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }

        @Test
        void aV7NewtonsoftSubjectAndMessageEnvelopeSentStraightToSqs() {
            ReceivedEnvelope envelope = reader.read(sample("newtonsoft-sqs-envelope.json"), Map.of());
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(envelope.messageJson(), OrderPlaced.class);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SQS_ENVELOPE);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(read.message()).isEqualTo(theSampleOrder());
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }

        @Test
        void aV8SystemTextJsonEnvelopeWithEscapedCharactersAndTrimmedFractions() {
            ReceivedEnvelope envelope = reader.read(sample("stj-sqs-envelope.json"), Map.of());
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(envelope.messageJson(), OrderPlaced.class);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.SQS_ENVELOPE);
            assertThat(envelope.messageType()).contains("OrderPlaced");
            assertThat(read.message()).isEqualTo(new OrderPlaced(42, "Zoë", OrderStatus.TEMPORARILY_CLOSED,
                    Instant.parse("2024-03-01T10:15:30Z"), new BigDecimal("12.5"), List.of(new OrderLine("PIZZA-1", 2))));
            assertThat(read.metadata()).isEqualTo(new MessageMetadata(SAMPLE_ID,
                    Instant.parse("2024-03-01T10:15:31.76Z"), "Order<Api>", null, null, "uk+ie", null));
        }

        @Test
        void aCompressedV8SnsNotification() {
            ReceivedEnvelope envelope = reader.read(sample("compressed-sns-notification.json"), Map.of());
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(envelope.messageJson(), OrderPlaced.class);

            assertThat(envelope.stringAttribute(WireAttributes.CONTENT_ENCODING)).contains("gzip,base64");
            assertThat(read.message()).isEqualTo(theSampleOrder());
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }

        @Test
        void aRawCamelCaseMessageWithAnEnumNumberAndAZonelessDateTime() {
            ReceivedEnvelope envelope = reader.read(sample("stj-camelcase-raw.json"), Map.of());
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(envelope.messageJson(), OrderPlaced.class);

            assertThat(envelope.shape()).isEqualTo(EnvelopeShape.RAW);
            assertThat(envelope.messageType()).isEmpty();
            assertThat(read.message()).isEqualTo(new OrderPlaced(7, "Ada", OrderStatus.OPEN,
                    Instant.parse("2024-03-01T10:15:30.1234567Z"), new BigDecimal("3"), List.of()));
            assertThat(read.metadata().id()).isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
            assertThat(read.metadata().timeStamp()).isEqualTo(Instant.parse("2024-03-01T10:15:30.5Z"));
            assertThat(read.metadata().tenant()).isEqualTo("nl");
        }
    }

    @Nested
    class WhenJustSayingReadsWhatWeWrote {

        /** JustSaying v7 reads body["Subject"] and body["Message"], case-sensitively, from every SQS body. */
        @Test
        void aQueueBodyHasExactlyTheSubjectAndMessageOfAV7Envelope() {
            JsonNode body = tree(writer.write(theSampleOrder(), someMetadata(), Destination.QUEUE).body());

            assertThat(body.fieldNames()).toIterable().containsExactly("Subject", "Message");
            assertThat(body.get("Subject").isTextual()).isTrue();
            assertThat(body.get("Subject").asText()).isEqualToIgnoringCase("OrderPlaced");
            assertThat(body.get("Message").isTextual()).isTrue();
        }

        /**
         * System.Text.Json in JustSaying reads case-sensitively, so our names must be the .NET property names
         * exactly: the same names, with the same values, as Newtonsoft wrote for the same order.
         */
        @Test
        void theMessageJsonHasTheNamesAndValuesNewtonsoftWritesForTheSameMessage() {
            String dotNet = reader.read(sample("newtonsoft-sqs-envelope.json"), Map.of()).messageJson();
            String ours = writer.write(theSampleOrder(), someMetadata(), Destination.TOPIC).body();

            ObjectNode expected = (ObjectNode) tree(dotNet);
            ObjectNode actual = (ObjectNode) tree(ours);
            assertThat(actual.remove("Status").asText()).isEqualToIgnoringCase(expected.remove("Status").asText());
            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void timestampsAndIdsAreInTheFormDotNetParses() {
            JsonNode message = tree(writer.write(theSampleOrder(), MessageMetadata.newMessage(), Destination.TOPIC).body());

            assertThat(message.get("TimeStamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,7})?Z");
            assertThat(message.get("Id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }

        /** JustSaying v8 takes "Message" out of the envelope, then decompresses it by the Content-Encoding attribute. */
        @Test
        void aCompressedQueueMessageHasTheV8ShapeAndEncoding() {
            MessageWriter compressing = new MessageWriter(
                    new MessageSerializer(WireOptions.builder().compressAbove(0).build()));

            OutboundMessage written = compressing.write(theSampleOrder(), someMetadata(), Destination.QUEUE);

            JsonNode body = tree(written.body());
            MessageAttribute encoding = written.attributes().get("Content-Encoding");
            assertThat(encoding.dataType()).isEqualTo("String");
            assertThat(encoding.stringValue()).isEqualTo("gzip,base64");
            assertThat(body.get("Subject").asText()).isEqualTo("OrderPlaced");
            assertThat(body.get("Message").asText()).matches("[A-Za-z0-9+/]+=*").startsWith("H4sI");
            assertThat(GzipBase64.decode(body.get("Message").asText()))
                    .isEqualTo(serializer.serialize(theSampleOrder(), someMetadata()));
        }
    }
}
