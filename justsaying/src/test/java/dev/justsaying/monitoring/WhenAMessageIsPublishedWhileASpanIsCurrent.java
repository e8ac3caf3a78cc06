package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.publish.PublishOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;

class WhenAMessageIsPublishedWhileASpanIsCurrent extends PublishingContext {

    @Override
    protected void when() {
        Span request = tracing.openTelemetry().getTracer("test").spanBuilder("PUT /orders").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            publish(PublishOptions.builder().attribute("Stamped-By", "test").build());
        } finally {
            request.end();
        }
    }

    @Then
    void aProducerSpanIsAStepOfTheCurrentTrace() {
        SpanData request = tracing.onlySpan("PUT /orders");
        assertThat(producerSpan().getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producerSpan().getTraceId()).isEqualTo(request.getTraceId());
        assertThat(producerSpan().getParentSpanId()).isEqualTo(request.getSpanId());
    }

    @Then
    void theMessageCarriesTheProducerSpansContext() {
        assertThat(sentTraceparent()).isEqualTo(traceparentOf(producerSpan()));
    }

    @Then
    void theCallersOwnAttributesAreKept() {
        assertThat(sent.options().attributes().get("Stamped-By").stringValue()).isEqualTo("test");
    }

    @Then
    void theSpanNamesTheDestinationAndTheMessageIdOnceSent() {
        assertThat(producerSpan().getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "aws_sqs")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders")
                .containsEntry(AttributeKey.stringKey("messaging.message.id"), "sqs-id-7")
                .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "send");
        assertThat(producerSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }
}
