package dev.justsaying.publish;

import dev.justsaying.wire.MessageAttribute;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one publish goes out: message attributes of the caller's own, a delivery delay (queues only), the FIFO message
 * group and deduplication ids, and the metadata fields a caller may set (conversation, tenant). Immutable.
 */
public final class PublishOptions {

    /** SQS delays messages by at most 15 minutes. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private static final PublishOptions NONE = builder().build();

    private final Map<String, MessageAttribute> attributes;
    private final Duration delay;
    private final String messageGroupId;
    private final String deduplicationId;
    private final String conversation;
    private final String tenant;

    private PublishOptions(Builder builder) {
        this.attributes = Map.copyOf(builder.attributes);
        this.delay = builder.delay;
        this.messageGroupId = builder.messageGroupId;
        this.deduplicationId = builder.deduplicationId;
        this.conversation = builder.conversation;
        this.tenant = builder.tenant;
    }

    /** No attributes, no delay, no FIFO ids. */
    public static PublishOptions none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.attributes.putAll(attributes);
        builder.delay = delay;
        builder.messageGroupId = messageGroupId;
        builder.deduplicationId = deduplicationId;
        builder.conversation = conversation;
        builder.tenant = tenant;
        return builder;
    }

    public Map<String, MessageAttribute> attributes() {
        return attributes;
    }

    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    public Optional<String> messageGroupId() {
        return Optional.ofNullable(messageGroupId);
    }

    public Optional<String> deduplicationId() {
        return Optional.ofNullable(deduplicationId);
    }

    public Optional<String> conversation() {
        return Optional.ofNullable(conversation);
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    @Override
    public String toString() {
        return "PublishOptions[attributes=" + attributes.keySet() + ", delay=" + delay + ", group=" + messageGroupId
                + ", dedup=" + deduplicationId + "]";
    }

    /** Collects options. */
    public static final class Builder {
        private final Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        private Duration delay;
        private String messageGroupId;
        private String deduplicationId;
        private String conversation;
        private String tenant;

        private Builder() {
        }

        /** Adds a message attribute; names starting with {@code AWS.} or {@code Amazon.} are reserved by AWS. */
        public Builder attribute(String name, MessageAttribute value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isBlank() || name.length() > 256 || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
                throw new IllegalArgumentException("'" + name + "' cannot be a message attribute name: 1-256 "
                        + "characters, not starting with AWS. or Amazon.");
            }
            attributes.put(name, value);
            return this;
        }

        /** Adds a String attribute. */
        public Builder attribute(String name, String value) {
            return attribute(name, MessageAttribute.ofString(value));
        }

        /** Delays delivery (queues only: SNS topics cannot delay), at most 15 minutes. */
        public Builder delay(Duration value) {
            Objects.requireNonNull(value, "delay");
            if (value.isNegative() || value.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("a delay is between 0 and 15 minutes, was " + value);
            }
            this.delay = value;
            return this;
        }

        /** The FIFO message group: messages of one group are handled in order. */
        public Builder messageGroupId(String value) {
            this.messageGroupId = Objects.requireNonNull(value, "messageGroupId");
            return this;
        }

        /** The FIFO deduplication id (otherwise content-based deduplication must be on). */
        public Builder deduplicationId(String value) {
            this.deduplicationId = Objects.requireNonNull(value, "deduplicationId");
            return this;
        }

        /** The JustSaying {@code Conversation}; by default the conversation of the message being handled. */
        public Builder conversation(String value) {
            this.conversation = Objects.requireNonNull(value, "conversation");
            return this;
        }

        /** The JustSaying {@code Tenant}. */
        public Builder tenant(String value) {
            this.tenant = Objects.requireNonNull(value, "tenant");
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(this);
        }
    }
}
