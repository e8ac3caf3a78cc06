package dev.justsaying.wire;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts {@link MessageAttribute}s to and from the AWS SDK's SQS and SNS model types, so that publishers and
 * receivers can pass them straight to the SDK. Pure mapping, no AWS calls.
 */
public final class SdkMessageAttributes {

    private SdkMessageAttributes() {
    }

    /** The native attributes of a received SQS message, for {@link EnvelopeReader#read}. */
    public static Map<String, MessageAttribute> fromSqs(
            Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes) {
        return convert(attributes, value -> value.dataType().startsWith("Binary")
                ? new MessageAttribute(value.dataType(), null, value.binaryValue().asByteArray())
                : new MessageAttribute(value.dataType(), value.stringValue(), null));
    }

    /** Attributes for {@code SendMessageRequest} / {@code SendMessageBatchRequestEntry}. */
    public static Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> toSqs(
            Map<String, MessageAttribute> attributes) {
        return convert(attributes, attribute -> software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                .dataType(attribute.dataType())
                .stringValue(attribute.stringValue())
                .binaryValue(attribute.isBinary() ? SdkBytes.fromByteArray(attribute.binaryValue()) : null)
                .build());
    }

    /** Attributes for {@code PublishRequest} / {@code PublishBatchRequestEntry}. */
    public static Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue> toSns(
            Map<String, MessageAttribute> attributes) {
        return convert(attributes, attribute -> software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder()
                .dataType(attribute.dataType())
                .stringValue(attribute.stringValue())
                .binaryValue(attribute.isBinary() ? SdkBytes.fromByteArray(attribute.binaryValue()) : null)
                .build());
    }

    private static <A, B> Map<String, B> convert(Map<String, A> attributes, Function<A, B> converter) {
        return attributes.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> converter.apply(entry.getValue())));
    }
}
