package dev.justsaying.infrastructure;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The limits SQS and SNS set on settings, checked when settings are built so that start-up does not meet them. */
final class SettingRules {

    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private SettingRules() {
    }

    /** An unmodifiable copy of {@code tags}, in their order, after checking the limits AWS sets. */
    static Map<String, String> tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags, there are " + tags.size());
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY) {
                throw new IllegalArgumentException("a tag key has 1 to " + MAX_TAG_KEY + " characters, was '" + key
                        + "'");
            }
            Objects.requireNonNull(value, () -> "the value of tag '" + key + "'");
            if (value.length() > MAX_TAG_VALUE) {
                throw new IllegalArgumentException("the value of tag '" + key + "' has more than " + MAX_TAG_VALUE
                        + " characters: shorten it");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A KMS key id, alias or ARN, or {@code null} for none. */
    static String kmsKeyId(String kmsKeyId) {
        if (kmsKeyId != null && kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("a KMS key id must not be blank: give a key id, alias or ARN, or none");
        }
        return kmsKeyId;
    }

    /** Checks that {@code value} is whole seconds between {@code min} and {@code max}, and returns its seconds. */
    static Duration seconds(String setting, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, setting);
        if (value.getNano() != 0) {
            throw new IllegalArgumentException(setting + " is whole seconds, was " + value + ": round it");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(setting + " must be between " + min.toSeconds() + " s and "
                    + max.toSeconds() + " s, was " + value.toSeconds() + " s");
        }
        return value;
    }
}
