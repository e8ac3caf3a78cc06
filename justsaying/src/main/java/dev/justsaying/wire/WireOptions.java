package dev.justsaying.wire;

import com.fasterxml.jackson.databind.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Immutable settings of the wire format, shared by {@link MessageSerializer}, {@link MessageWriter} and
 * {@link EnvelopeReader}. {@link #defaults()} interoperates with JustSaying .NET out of the box.
 */
public final class WireOptions {

    /**
     * Default compression threshold: 254 KiB (260,096 bytes), JustSaying .NET's default
     * {@code MessageLengthThreshold}, 2 KiB under the 256 KiB SNS/SQS limit. Only messages that would
     * otherwise come close to the limit are compressed, so ordinary messages stay readable by JustSaying v7
     * and by any non-JustSaying consumer.
     */
    public static final int DEFAULT_COMPRESSION_THRESHOLD_BYTES = 254 * 1024;

    /**
     * Default maximum message size: 256 KiB (262,144 bytes), the SNS limit and the SQS limit JustSaying .NET
     * assumes (SQS itself accepts up to 1 MiB since 2025, SNS does not).
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

    private static final WireOptions DEFAULTS = builder().build();

    private final PropertyNaming propertyNaming;
    private final MessageTypeNamer typeNamer;
    private final OptionalInt compressionThresholdBytes;
    private final int maxMessageBytes;
    private final Optional<String> typeAttributeName;
    private final List<Module> jacksonModules;

    private WireOptions(Builder builder) {
        this.propertyNaming = builder.propertyNaming;
        this.typeNamer = builder.typeNamer;
        this.compressionThresholdBytes = builder.compressionThresholdBytes;
        this.maxMessageBytes = builder.maxMessageBytes;
        this.typeAttributeName = builder.typeAttributeName;
        this.jacksonModules = List.copyOf(builder.jacksonModules);
    }

    /** PascalCase names, simple class names as types, compression above 254 KiB, 256 KiB limit, {@code MessageType} attribute. */
    public static WireOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** How property names are written; reading is case-insensitive regardless. */
    public PropertyNaming propertyNaming() {
        return propertyNaming;
    }

    /** How message types are named on the wire. */
    public MessageTypeNamer typeNamer() {
        return typeNamer;
    }

    /** Messages larger than this many bytes (body and attributes) are compressed; empty if compression is off. */
    public OptionalInt compressionThresholdBytes() {
        return compressionThresholdBytes;
    }

    /** Largest message, body plus attributes, that may be written. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Name of the String attribute that carries the message type name on topic publishes and raw queue sends,
     * where there is no envelope {@code Subject} to rely on; empty if it is neither written nor read.
     */
    public Optional<String> typeAttributeName() {
        return typeAttributeName;
    }

    /** Extra Jackson modules (e.g. for Optional or Kotlin) registered on the message mapper. */
    public List<Module> jacksonModules() {
        return jacksonModules;
    }

    @Override
    public String toString() {
        return "WireOptions{propertyNaming=" + propertyNaming
                + ", compressionThresholdBytes=" + (compressionThresholdBytes.isPresent()
                        ? String.valueOf(compressionThresholdBytes.getAsInt()) : "off")
                + ", maxMessageBytes=" + maxMessageBytes
                + ", typeAttributeName=" + typeAttributeName.orElse("none")
                + ", jacksonModules=" + jacksonModules.stream().map(Module::getModuleName).toList()
                + "}";
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private PropertyNaming propertyNaming = PropertyNaming.PASCAL_CASE;
        private MessageTypeNamer typeNamer = MessageTypeNamer.simpleClassName();
        private OptionalInt compressionThresholdBytes = OptionalInt.of(DEFAULT_COMPRESSION_THRESHOLD_BYTES);
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Optional<String> typeAttributeName = Optional.of(WireAttributes.MESSAGE_TYPE);
        private final List<Module> jacksonModules = new ArrayList<>();

        private Builder() {
        }

        private Builder(WireOptions options) {
            this.propertyNaming = options.propertyNaming;
            this.typeNamer = options.typeNamer;
            this.compressionThresholdBytes = options.compressionThresholdBytes;
            this.maxMessageBytes = options.maxMessageBytes;
            this.typeAttributeName = options.typeAttributeName;
            this.jacksonModules.addAll(options.jacksonModules);
        }

        /** How to write property names (default PascalCase). */
        public Builder propertyNaming(PropertyNaming naming) {
            this.propertyNaming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        /** How to name message types (default {@link MessageTypeNamer#simpleClassName()}). */
        public Builder typeNamer(MessageTypeNamer namer) {
            this.typeNamer = Objects.requireNonNull(namer, "namer");
            return this;
        }

        /** Compress messages larger than {@code thresholdBytes} (body and attributes). */
        public Builder compressAbove(int thresholdBytes) {
            if (thresholdBytes < 0) {
                throw new IllegalArgumentException("compression threshold must not be negative: " + thresholdBytes);
            }
            this.compressionThresholdBytes = OptionalInt.of(thresholdBytes);
            return this;
        }

        /** Never compress (messages over the limit then fail with {@link MessageTooLargeException}). */
        public Builder noCompression() {
            this.compressionThresholdBytes = OptionalInt.empty();
            return this;
        }

        /** Largest message, body plus attributes, that may be written (default 256 KiB). */
        public Builder maxMessageBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maximum message size must be positive: " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Name of the attribute carrying the type name (default {@value WireAttributes#MESSAGE_TYPE}). */
        public Builder typeAttributeName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("type attribute name must not be blank");
            }
            this.typeAttributeName = Optional.of(name);
            return this;
        }

        /** Neither write nor read a type attribute, exactly like JustSaying .NET. */
        public Builder noTypeAttribute() {
            this.typeAttributeName = Optional.empty();
            return this;
        }

        /** Registers an extra Jackson module on the message mapper. */
        public Builder addJacksonModule(Module module) {
            this.jacksonModules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        public WireOptions build() {
            return new WireOptions(this);
        }
    }
}
