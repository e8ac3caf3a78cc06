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
import java.time.DateTimeException;
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
        String trimmed = text.trim();
        OffsetDateTime common = parseCommonForm(trimmed);
        if (common != null) {
            return common;
        }
        TemporalAccessor parsed = TOLERANT_PARSER.parse(trimmed);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
        return OffsetDateTime.of(LocalDateTime.from(parsed), offset);
    }

    /**
     * The form every message carries, {@code yyyy-MM-ddTHH:mm:ss}, 0 to 9 fractional digits, then {@code Z},
     * {@code ±HH:MM} or nothing, read by hand: the formatter costs more than deserializing the rest of a small
     * message. Anything else (or a value out of range) is null, left to the formatter and its error message.
     */
    private static OffsetDateTime parseCommonForm(String text) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || Character.toUpperCase(text.charAt(10)) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            int count = at - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offsetAt(text, at);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** Nothing, {@code Z} or {@code ±HH:MM} from {@code at} to the end; null for anything else. */
    private static ZoneOffset offsetAt(String text, int at) {
        int left = text.length() - at;
        if (left == 0 || (left == 1 && Character.toUpperCase(text.charAt(at)) == 'Z')) {
            return ZoneOffset.UTC;
        }
        char sign = text.charAt(at);
        if (left != 6 || (sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + 4, 2);
        if ((hours | minutes) < 0) {
            return null;
        }
        try {
            return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number in {@code count} ASCII digits from {@code start}; -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
