package dev.justsaying.infrastructure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue the bus creates should look, and what an existing queue must offer: visibility timeout, retention,
 * delivery delay, FIFO, encryption, tags, and its error queue (the dead-letter queue messages move to after
 * {@link #maxReceiveCount()} receives).
 *
 * <p>The defaults are JustSaying's: visibility 30 s, retention 4 days, an error queue kept 14 days that takes a
 * message after 5 receives. Ranges are checked when the settings are built. An existing queue keeps the values
 * someone else gave it; only what is missing is added (see {@link InfrastructureMode#CREATE_IF_MISSING}).
 */
public final class QueueSettings {

    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);
    private static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    private static final Duration MAX_RETENTION = Duration.ofDays(14);
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int MAX_RECEIVE_COUNT = 1000;

    private static final QueueSettings DEFAULTS = builder().build();

    private final Duration visibilityTimeout;
    private final Duration messageRetention;
    private final Duration deliveryDelay;
    private final boolean errorQueue;
    private final Duration errorQueueRetention;
    private final int maxReceiveCount;
    private final boolean fifo;
    private final boolean contentBasedDeduplication;
    private final String kmsMasterKeyId;
    private final Map<String, String> tags;

    private QueueSettings(Builder builder) {
        visibilityTimeout = SettingRules.seconds("visibility timeout", builder.visibilityTimeout, Duration.ZERO,
                MAX_VISIBILITY);
        messageRetention = SettingRules.seconds("message retention", builder.messageRetention, MIN_RETENTION,
                MAX_RETENTION);
        deliveryDelay = SettingRules.seconds("delivery delay", builder.deliveryDelay, Duration.ZERO, MAX_DELAY);
        errorQueue = builder.errorQueue;
        errorQueueRetention = SettingRules.seconds("error queue retention", builder.errorQueueRetention,
                MIN_RETENTION, MAX_RETENTION);
        if (builder.maxReceiveCount < 1 || builder.maxReceiveCount > MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount (receives before a message moves to the error queue)"
                    + " must be between 1 and " + MAX_RECEIVE_COUNT + ", was " + builder.maxReceiveCount);
        }
        maxReceiveCount = builder.maxReceiveCount;
        fifo = builder.fifo;
        if (builder.contentBasedDeduplication && !fifo) {
            throw new IllegalArgumentException("content-based deduplication is for FIFO queues only: set fifo(true)"
                    + " or leave contentBasedDeduplication off");
        }
        contentBasedDeduplication = builder.contentBasedDeduplication;
        kmsMasterKeyId = SettingRules.kmsKeyId(builder.kmsMasterKeyId);
        tags = SettingRules.tags(builder.tags);
    }

    /** JustSaying's defaults: a standard queue with an error queue. */
    public static QueueSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** How long a received message stays invisible to other consumers (0 s to 12 h; default 30 s). */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** How long SQS keeps an unhandled message (1 min to 14 days; default 4 days). */
    public Duration messageRetention() {
        return messageRetention;
    }

    /** How long a new message stays invisible before its first delivery (0 s to 15 min; default 0). */
    public Duration deliveryDelay() {
        return deliveryDelay;
    }

    /** Whether the queue has an error queue that messages move to after {@link #maxReceiveCount()} receives. */
    public boolean errorQueue() {
        return errorQueue;
    }

    /** How long the error queue keeps a message (1 min to 14 days; default 14 days). */
    public Duration errorQueueRetention() {
        return errorQueueRetention;
    }

    /** Receives after which a message moves to the error queue (1 to 1000; default 5). */
    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** Whether the queue (and its error queue) is FIFO; its name must then end with {@code .fifo}. */
    public boolean fifo() {
        return fifo;
    }

    /** Whether a FIFO queue deduplicates by a hash of the body, so senders need no deduplication id. */
    public boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    /** The KMS key (id, alias or ARN) that encrypts the queues at rest, if any. */
    public Optional<String> kmsMasterKeyId() {
        return Optional.ofNullable(kmsMasterKeyId);
    }

    /** Tags for the queue and its error queue, in the order given. */
    public Map<String, String> tags() {
        return tags;
    }

    /** These settings as data (names to plain values, durations in ISO-8601), for the bus's interrogation. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("visibilityTimeout", visibilityTimeout.toString());
        description.put("messageRetention", messageRetention.toString());
        description.put("deliveryDelay", deliveryDelay.toString());
        description.put("errorQueue", errorQueue);
        if (errorQueue) {
            description.put("errorQueueRetention", errorQueueRetention.toString());
            description.put("maxReceiveCount", maxReceiveCount);
        }
        description.put("fifo", fifo);
        description.put("contentBasedDeduplication", contentBasedDeduplication);
        kmsMasterKeyId().ifPresent(key -> description.put("kmsMasterKeyId", key));
        description.put("tags", tags);
        return Collections.unmodifiableMap(description);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueueSettings settings && describeAll().equals(settings.describeAll());
    }

    @Override
    public int hashCode() {
        return describeAll().hashCode();
    }

    /** Every field, including those {@link #describe()} leaves out because they do not apply. */
    private Map<String, Object> describeAll() {
        Map<String, Object> all = new LinkedHashMap<>(describe());
        all.put("errorQueueRetention", errorQueueRetention.toString());
        all.put("maxReceiveCount", maxReceiveCount);
        return all;
    }

    @Override
    public String toString() {
        return "QueueSettings" + describe();
    }

    /** Collects queue settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration messageRetention = Duration.ofDays(4);
        private Duration deliveryDelay = Duration.ZERO;
        private boolean errorQueue = true;
        private Duration errorQueueRetention = Duration.ofDays(14);
        private int maxReceiveCount = 5;
        private boolean fifo;
        private boolean contentBasedDeduplication;
        private String kmsMasterKeyId;
        private Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(QueueSettings settings) {
            visibilityTimeout = settings.visibilityTimeout;
            messageRetention = settings.messageRetention;
            deliveryDelay = settings.deliveryDelay;
            errorQueue = settings.errorQueue;
            errorQueueRetention = settings.errorQueueRetention;
            maxReceiveCount = settings.maxReceiveCount;
            fifo = settings.fifo;
            contentBasedDeduplication = settings.contentBasedDeduplication;
            kmsMasterKeyId = settings.kmsMasterKeyId;
            tags = new LinkedHashMap<>(settings.tags);
        }

        public Builder visibilityTimeout(Duration timeout) {
            visibilityTimeout = timeout;
            return this;
        }

        public Builder messageRetention(Duration retention) {
            messageRetention = retention;
            return this;
        }

        public Builder deliveryDelay(Duration delay) {
            deliveryDelay = delay;
            return this;
        }

        /** Whether to have an error queue (default yes). */
        public Builder errorQueue(boolean enabled) {
            errorQueue = enabled;
            return this;
        }

        public Builder errorQueueRetention(Duration retention) {
            errorQueueRetention = retention;
            return this;
        }

        public Builder maxReceiveCount(int receives) {
            maxReceiveCount = receives;
            return this;
        }

        public Builder fifo(boolean isFifo) {
            fifo = isFifo;
            return this;
        }

        public Builder contentBasedDeduplication(boolean enabled) {
            contentBasedDeduplication = enabled;
            return this;
        }

        /** The KMS key id, alias or ARN that encrypts the queues, or {@code null} for none. */
        public Builder kmsMasterKeyId(String keyId) {
            kmsMasterKeyId = keyId;
            return this;
        }

        /** Adds (or replaces) one tag. */
        public Builder tag(String key, String value) {
            tags.put(Objects.requireNonNull(key, "tag key"), Objects.requireNonNull(value, "tag value"));
            return this;
        }

        /** Replaces every tag. */
        public Builder tags(Map<String, String> allTags) {
            tags = new LinkedHashMap<>(allTags);
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting that is out of range and its range
         */
        public QueueSettings build() {
            return new QueueSettings(this);
        }
    }
}
