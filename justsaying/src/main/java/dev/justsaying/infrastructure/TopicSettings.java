package dev.justsaying.infrastructure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a topic the bus creates should look, and what an existing topic must offer: FIFO, content-based
 * deduplication, encryption and tags. An existing topic keeps the values someone else gave it; only what is missing
 * is added (see {@link InfrastructureMode#CREATE_IF_MISSING}).
 */
public final class TopicSettings {

    private static final TopicSettings DEFAULTS = builder().build();

    private final boolean fifo;
    private final boolean contentBasedDeduplication;
    private final String kmsMasterKeyId;
    private final Map<String, String> tags;

    private TopicSettings(Builder builder) {
        fifo = builder.fifo;
        if (builder.contentBasedDeduplication && !fifo) {
            throw new IllegalArgumentException("content-based deduplication is for FIFO topics only: set fifo(true)"
                    + " or leave contentBasedDeduplication off");
        }
        contentBasedDeduplication = builder.contentBasedDeduplication;
        kmsMasterKeyId = SettingRules.kmsKeyId(builder.kmsMasterKeyId);
        tags = SettingRules.tags(builder.tags);
    }

    /** A standard topic, unencrypted, without tags. */
    public static TopicSettings defaults() {
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

    /** Whether the topic is FIFO; its name must then end with {@code .fifo}. */
    public boolean fifo() {
        return fifo;
    }

    /** Whether a FIFO topic deduplicates by a hash of the body, so publishers need no deduplication id. */
    public boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    /** The KMS key (id, alias or ARN) that encrypts the topic at rest, if any. */
    public Optional<String> kmsMasterKeyId() {
        return Optional.ofNullable(kmsMasterKeyId);
    }

    /** Tags for the topic, in the order given. */
    public Map<String, String> tags() {
        return tags;
    }

    /** These settings as data (names to plain values), for the bus's interrogation. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("fifo", fifo);
        description.put("contentBasedDeduplication", contentBasedDeduplication);
        kmsMasterKeyId().ifPresent(key -> description.put("kmsMasterKeyId", key));
        description.put("tags", tags);
        return Collections.unmodifiableMap(description);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicSettings settings && describe().equals(settings.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "TopicSettings" + describe();
    }

    /** Collects topic settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private boolean fifo;
        private boolean contentBasedDeduplication;
        private String kmsMasterKeyId;
        private Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(TopicSettings settings) {
            fifo = settings.fifo;
            contentBasedDeduplication = settings.contentBasedDeduplication;
            kmsMasterKeyId = settings.kmsMasterKeyId;
            tags = new LinkedHashMap<>(settings.tags);
        }

        public Builder fifo(boolean isFifo) {
            fifo = isFifo;
            return this;
        }

        public Builder contentBasedDeduplication(boolean enabled) {
            contentBasedDeduplication = enabled;
            return this;
        }

        /** The KMS key id, alias or ARN that encrypts the topic, or {@code null} for none. */
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
         * @throws IllegalArgumentException saying which settings do not go together
         */
        public TopicSettings build() {
            return new TopicSettings(this);
        }
    }
}
