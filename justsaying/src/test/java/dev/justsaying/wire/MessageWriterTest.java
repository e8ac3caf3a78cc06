package dev.justsaying.wire;

import static dev.justsaying.wire.TestMessages.anOrder;
import static dev.justsaying.wire.TestMessages.someMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.wire.TestMessages.OrderLine;
import dev.justsaying.wire.TestMessages.OrderPlaced;
import dev.justsaying.wire.TestMessages.OrderStatus;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, MessageAttribute> TRACE =
            Map.of(WireAttributes.TRACEPARENT, MessageAttribute.ofString("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

    private static MessageWriter writer(WireOptions options) {
        return new MessageWriter(new MessageSerializer(options));
    }

    private final MessageWriter writer = writer(WireOptions.defaults());
    private final MessageSerializer serializer = new MessageSerializer(WireOptions.defaults());

    /** An order whose JSON is large but repetitive, so it compresses well. */
    private static OrderPlaced aLargeOrder(int lines) {
        return new OrderPlaced(1, "Ada", OrderStatus.OPEN, null, null,
                IntStream.range(0, lines).mapToObj(i -> new OrderLine("PIZZA-MARGHERITA-" + i, i)).toList());
    }

    /** An order whose JSON is large and random, so compression cannot save it. */
    private static OrderPlaced anIncompressibleOrder(int bytes) {
        byte[] noise = new byte[bytes];
        new Random(42).nextBytes(noise);
        return new OrderPlaced(1, Base64.getEncoder().encodeToString(noise), OrderStatus.OPEN, null, null, List.of());
    }

    /** Reads what was written the way a subscriber receives it at the destination. */
    private static String receivedBody(OutboundMessage written, Destination destination) {
        return destination == Destination.TOPIC ? SnsDelivery.notificationFor(written) : written.body();
    }

    private static Map<String, MessageAttribute> receivedNativeAttributes(OutboundMessage written, Destination destination) {
        return destination == Destination.TOPIC ? Map.of() : written.attributes();
    }

    @Nested
    class WhenWritingForATopic {

        @Test
        void theBodyIsTheMessageJsonAndTheSubjectItsTypeName() {
            OutboundMessage written = writer.write(anOrder(), someMetadata(), Destination.TOPIC, TRACE);

            assertThat(written.body()).isEqualTo(serializer.serialize(anOrder(), someMetadata()));
            assertThat(written.subject()).isEqualTo("OrderPlaced");
            assertThat(written.compressed()).isFalse();
        }

        @Test
        void theTypeAttributeIsAddedForRawSubscribers() {
            OutboundMessage written = writer.write(anOrder(), someMetadata(), Destination.TOPIC, TRACE);

            assertThat(written.attributes()).containsOnly(
                    Map.entry(WireAttributes.TRACEPARENT, TRACE.get(WireAttributes.TRACEPARENT)),
                    Map.entry(WireAttributes.MESSAGE_TYPE, MessageAttribute.ofString("OrderPlaced")));
        }

        @Test
        void withoutTypeAttributeOnlyTheCallersAttributesAreSent() {
            OutboundMessage written = writer(WireOptions.builder().noTypeAttribute().build())
                    .write(anOrder(), someMetadata(), Destination.TOPIC, TRACE);

            assertThat(written.attributes()).isEqualTo(TRACE);
        }

        @Test
        void aTypeNameThatCannotBeAnSnsSubjectIsRefused() {
            MessageWriter longNames = writer(WireOptions.builder().typeNamer(type -> "X".repeat(101)).build());

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> longNames.write(anOrder(), someMetadata(), Destination.TOPIC))
                    .withMessageContaining("SNS subject");
            assertThat(longNames.write(anOrder(), someMetadata(), Destination.QUEUE).subject()).hasSize(101);
        }
    }

    @Nested
    class WhenWritingForAQueue {

        @Test
        void theBodyIsTheSubjectAndMessageEnvelope() throws Exception {
            OutboundMessage written = writer.write(anOrder(), someMetadata(), Destination.QUEUE, TRACE);

            JsonNode body = JSON.readTree(written.body());
            assertThat(body.get("Subject").asText()).isEqualTo("OrderPlaced");
            assertThat(body.get("Message").asText()).isEqualTo(serializer.serialize(anOrder(), someMetadata()));
            assertThat(body.size()).isEqualTo(2);
        }

        @Test
        void noTypeAttributeIsAddedBecauseTheEnvelopeCarriesTheSubject() {
            OutboundMessage written = writer.write(anOrder(), someMetadata(), Destination.QUEUE, TRACE);

            assertThat(written.attributes()).isEqualTo(TRACE);
        }

        @Test
        void aRawQueueGetsTheMessageJsonAndTheTypeAttribute() {
            OutboundMessage written = writer.write(anOrder(), someMetadata(), Destination.RAW_QUEUE);

            assertThat(written.body()).isEqualTo(serializer.serialize(anOrder(), someMetadata()));
            assertThat(written.attributes())
                    .containsExactly(Map.entry(WireAttributes.MESSAGE_TYPE, MessageAttribute.ofString("OrderPlaced")));
        }
    }

    @Nested
    class WhenTheCallerSetsAttributesOfTheWireFormat {

        @Test
        void contentEncodingIsRefused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> writer.write(anOrder(), someMetadata(), Destination.QUEUE,
                            Map.of(WireAttributes.CONTENT_ENCODING, MessageAttribute.ofString("gzip,base64"))))
                    .withMessageContaining("Content-Encoding");
        }

        @Test
        void theTypeAttributeIsRefused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> writer.write(anOrder(), someMetadata(), Destination.TOPIC,
                            Map.of(WireAttributes.MESSAGE_TYPE, MessageAttribute.ofString("Other"))))
                    .withMessageContaining("MessageType");
        }
    }

    @Nested
    class WhenTheMessageIsLarge {

        @ParameterizedTest
        @EnumSource(Destination.class)
        void aMessageOverTheThresholdIsCompressedAndReadsBack(Destination destination) {
            MessageWriter compressing = writer(WireOptions.builder().compressAbove(200).build());
            OrderPlaced order = aLargeOrder(50);

            OutboundMessage written = compressing.write(order, someMetadata(), destination, TRACE);

            assertThat(written.compressed()).isTrue();
            assertThat(written.attributes())
                    .containsEntry(WireAttributes.CONTENT_ENCODING, MessageAttribute.ofString("gzip,base64"));
            ReceivedEnvelope received = new EnvelopeReader(WireOptions.defaults())
                    .read(receivedBody(written, destination), receivedNativeAttributes(written, destination));
            assertThat(received.messageType()).contains("OrderPlaced");
            DeserializedMessage<OrderPlaced> read = serializer.deserialize(received.messageJson(), OrderPlaced.class);
            assertThat(read.message()).isEqualTo(order);
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }

        @Test
        void compressionStartsAboveTheThresholdCountingBodyAndAttributes() {
            int size = writer.write(anOrder(), someMetadata(), Destination.QUEUE, TRACE).sizeBytes();
            int expectedSize = writer.write(anOrder(), someMetadata(), Destination.QUEUE).body().getBytes().length
                    + "traceparent".length() + "String".length() + 55;

            OutboundMessage atThreshold = writer(WireOptions.builder().compressAbove(size).build())
                    .write(anOrder(), someMetadata(), Destination.QUEUE, TRACE);
            OutboundMessage justAbove = writer(WireOptions.builder().compressAbove(size - 1).build())
                    .write(anOrder(), someMetadata(), Destination.QUEUE, TRACE);

            assertThat(size).isEqualTo(expectedSize);
            assertThat(atThreshold.compressed()).isFalse();
            assertThat(justAbove.compressed()).isTrue();
        }

        @Test
        void byDefaultOrdinaryMessagesAreNotCompressedButNearlyTooLargeOnesAre() {
            OutboundMessage small = writer.write(aLargeOrder(100), someMetadata(), Destination.TOPIC);
            OutboundMessage large = writer.write(aLargeOrder(8_000), someMetadata(), Destination.TOPIC);

            assertThat(small.compressed()).isFalse();
            assertThat(large.compressed()).isTrue();
            assertThat(large.sizeBytes()).isLessThan(WireOptions.DEFAULT_MAX_MESSAGE_BYTES);
        }

        @Test
        void withoutCompressionATooLargeMessageIsRefusedWithItsSize() {
            MessageWriter plain = writer(WireOptions.builder().noCompression().build());

            assertThatThrownBy(() -> plain.write(aLargeOrder(8_000), someMetadata(), Destination.QUEUE))
                    .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
                        assertThat(e.messageType()).isEqualTo("OrderPlaced");
                        assertThat(e.sizeBytes()).isGreaterThan(WireOptions.DEFAULT_MAX_MESSAGE_BYTES);
                        assertThat(e.uncompressedSizeBytes()).isEqualTo(e.sizeBytes());
                        assertThat(e.limitBytes()).isEqualTo(WireOptions.DEFAULT_MAX_MESSAGE_BYTES);
                    })
                    .hasMessageContaining("over the limit of 262144 bytes");
        }

        @Test
        void aMessageStillTooLargeAfterCompressionIsRefusedWithBothSizes() {
            assertThatThrownBy(() -> writer.write(anIncompressibleOrder(300_000), someMetadata(), Destination.TOPIC))
                    .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
                        assertThat(e.sizeBytes()).isGreaterThan(e.limitBytes());
                        assertThat(e.uncompressedSizeBytes()).isGreaterThan(400_000);
                        assertThat(e.sizeBytes()).isNotEqualTo(e.uncompressedSizeBytes());
                    })
                    .hasMessageContaining("after compression");
        }

        @Test
        void attributesCountTowardsTheLimit() {
            int bodyOnly = writer.write(anOrder(), someMetadata(), Destination.QUEUE).sizeBytes();
            MessageWriter tight = writer(WireOptions.builder().noCompression().maxMessageBytes(bodyOnly).build());

            assertThat(tight.write(anOrder(), someMetadata(), Destination.QUEUE).sizeBytes()).isEqualTo(bodyOnly);
            assertThatThrownBy(() -> tight.write(anOrder(), someMetadata(), Destination.QUEUE, TRACE))
                    .isInstanceOf(MessageTooLargeException.class);
        }
    }
}
