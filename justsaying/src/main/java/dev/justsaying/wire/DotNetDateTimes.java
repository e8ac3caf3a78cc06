package dev.justsaying.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/**
 * Timestamps as .NET writes and reads them.
 *
 * <p>.NET ({@code DateTime}, {@code DateTimeOffset}; Newtonsoft.Json and System.Text.Json alike) writes ISO-8601
 * with 0 to 7 fractional digits (trailing zeros trimmed), {@code Z} for UTC, an offset for {@code DateTimeOffset},
 * and no zone at all for an unspecified-kind {@code DateTime}. We read all of these (no zone = UTC), and write at
 * most 7 fractional digits, which every .NET reader accepts.
 */
final class DotNetDateTimes {

    private static final DateTimeFormatter TOLERANT_PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter UTC_WRITER = writer().appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter OFFSET_WRITER = writer().appendOffset("+HH:MM", "+00:00").toFormatter();

    private DotNetDateTimes() {
    }

    private static DateTimeFormatterBuilder writer() {
        return new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .appendLiteral('T')
                .appendPattern("HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true);
    }

    /** {@code 2024-03-01T10:15:30.1234567Z}: UTC, at most 7 fractional digits, trailing zeros trimmed. */
    static String format(Instant instant) {
        return UTC_WRITER.format(instant);
    }

    /**
     * Parses an ISO-8601 date-time with any number of fractional digits and an optional offset (none = UTC).
     *
     * @throws DateTimeParseException if the text is not such a date-time
     */
    static OffsetDateTime parse(String text) {
        TemporalAccessor parsed = TOLERANT_PARSER.parse(text.trim());
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return OffsetDateTime.of(LocalDateTime.from(parsed), offset);
    }

    /** Jackson serializers and deserializers for {@link Instant} and {@link OffsetDateTime} in the .NET style. */
    static SimpleModule jacksonModule() {
        return new SimpleModule("DotNetDateTimes")
                .addSerializer(Instant.class, new Writer<>(Instant.class, DotNetDateTimes::format))
                .addSerializer(OffsetDateTime.class, new Writer<>(OffsetDateTime.class, OFFSET_WRITER::format))
                .addDeserializer(Instant.class, new Reader<>(Instant.class, text -> parse(text).toInstant()))
                .addDeserializer(OffsetDateTime.class, new Reader<>(OffsetDateTime.class, DotNetDateTimes::parse));
    }

    private static final class Writer<T> extends StdSerializer<T> {
        private final transient Function<T, String> format;

        Writer(Class<T> type, Function<T, String> format) {
            super(type);
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format.apply(value));
        }
    }

    private static final class Reader<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        Reader(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                return (T) context.handleWeirdStringValue(handledType(), text,
                        "not an ISO-8601 date-time: %s", e.getMessage());
            }
        }
    }
}
