package dev.justsaying.monitoring;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;

/** The OpenTelemetry SDK exporting every ended span to memory at once, for tests to read; not registered globally. */
final class InMemoryTracing implements AutoCloseable {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    /** The ended span of that name, if there is exactly one. */
    Optional<SpanData> span(String name) {
        List<SpanData> named = spans().stream().filter(span -> span.getName().equals(name)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** The ended span of that name; fails unless there is exactly one. */
    SpanData onlySpan(String name) {
        return span(name).orElseThrow(() -> new AssertionError("not exactly one span '" + name + "' in " + spans()));
    }

    @Override
    public void close() {
        sdk.close();
    }
}
