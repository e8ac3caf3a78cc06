package dev.justsaying.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class SdkMessageAttributesTest {

    private static final Map<String, MessageAttribute> ATTRIBUTES = Map.of(
            "traceparent", MessageAttribute.ofString("00-1-2-01"),
            "Attempt", MessageAttribute.ofNumber(3),
            "Thumbnail", new MessageAttribute("Binary.png", null, new byte[] {1, 2, 3}));

    @Test
    void sqsAttributesRoundTrip() {
        var sqs = SdkMessageAttributes.toSqs(ATTRIBUTES);

        assertThat(sqs.get("Attempt").dataType()).isEqualTo("Number");
        assertThat(sqs.get("Attempt").stringValue()).isEqualTo("3");
        assertThat(sqs.get("Thumbnail").binaryValue()).isEqualTo(SdkBytes.fromByteArray(new byte[] {1, 2, 3}));
        assertThat(sqs.get("Thumbnail").stringValue()).isNull();
        assertThat(SdkMessageAttributes.fromSqs(sqs)).isEqualTo(ATTRIBUTES);
    }

    @Test
    void snsAttributesCarryTheSameTypesAndValues() {
        var sns = SdkMessageAttributes.toSns(ATTRIBUTES);

        assertThat(sns.get("traceparent").dataType()).isEqualTo("String");
        assertThat(sns.get("traceparent").stringValue()).isEqualTo("00-1-2-01");
        assertThat(sns.get("Thumbnail").dataType()).isEqualTo("Binary.png");
        assertThat(sns.get("Thumbnail").binaryValue().asByteArray()).containsExactly(1, 2, 3);
    }
}
