package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.monitoring.Messages.PlaceOrder;
import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.WireAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The consumer side of tracing, one context per way a handling ends. */
abstract class WhenAMessageCarryingATraceIsHandled extends BehaviourTest<OpenTelemetryTracing> {

    protected final InMemoryTracing tracing = new InMemoryTracing();
    protected CompletionStage<HandleResult> handled;
    private SpanContext currentInHandler;

    @Override
    protected OpenTelemetryTracing createSystemUnderTest() {
        return new OpenTelemetryTracing(tracing.openTelemetry());
    }

    @Override
    protected void when() {
        Delivery delivery = new Delivery(new PlaceOrder("42"), Messages.receivedFromOrders(Map.of(
                WireAttributes.TRACEPARENT, MessageAttribute.ofString(Messages.TRACEPARENT),
                WireAttributes.TRACESTATE, MessageAttribute.ofString("vendor=blue"))), "PlaceOrderHandler");
        handled = systemUnderTest().handlerMiddleware().handle(delivery, inner -> {
            currentInHandler = Span.current().getSpanContext();
            return handler();
        });
    }

    /** What the inner layers do. */
    protected abstract CompletionStage<HandleResult> handler();

    @Override
    protected void cleanUp() {
        tracing.close();
    }

    protected SpanData consumerSpan() {
        return tracing.onlySpan("orders process");
    }

    @Then
    void aConsumerSpanContinuesTheSendersTrace() {
        assertThat(consumerSpan().getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumerSpan().getTraceId()).isEqualTo(Messages.TRACE_ID);
        assertThat(consumerSpan().getParentSpanId()).isEqualTo(Messages.SENDER_SPAN_ID);
        assertThat(consumerSpan().getSpanContext().getTraceState().get("vendor")).isEqualTo("blue");
    }

    @Then
    void theSpanIsCurrentWhileTheInnerLayersRun() {
        assertThat(currentInHandler.getSpanId()).isEqualTo(consumerSpan().getSpanId());
    }

    @Then
    void itCarriesTheMessagingAttributes() {
        assertThat(consumerSpan().getAttributes().asMap()).containsEntry(AttributeKey.stringKey("messaging.system"),
                        "aws_sqs")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders")
                .containsEntry(AttributeKey.stringKey("messaging.message.id"), "sqs-message-1")
                .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "process")
                .containsEntry(AttributeKey.stringKey("messaging.message.conversation_id"), "conv-1");
    }

    @Then
    void nothingIsLeftCurrentOnTheThread() {
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
