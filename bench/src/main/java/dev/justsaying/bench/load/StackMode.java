package dev.justsaying.bench.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a load benchmark runs restaurant-status's local stack (ElasticMQ, SNS, DynamoDB Local, the Twilio stub;
 * PostgreSQL is a process of its own either way): in a JVM of its own, so the service JVM's CPU is the service's, or
 * inside the service's JVM, as the README's one-command run has it. The option {@code --stack separate|in-process}.
 */
enum StackMode {
    SEPARATE("separate"),
    IN_PROCESS("in-process");

    /** The option's text. */
    final String option;

    StackMode(String option) {
        this.option = option;
    }

    /** Reads {@code separate} or {@code in-process}. */
    static final class Converter implements ITypeConverter<StackMode> {
        @Override
        public StackMode convert(String value) {
            return Arrays.stream(values()).filter(mode -> mode.option.equals(value.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new TypeConversionException("expected one of "
                            + Arrays.stream(values()).map(mode -> mode.option).collect(Collectors.joining(", "))
                            + " but was '" + value + "'"));
        }
    }
}
