package dev.justsaying.monitoring;

import dev.justsaying.handle.CurrentMessage;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.publish.OutgoingMessage;
import dev.justsaying.publish.PublishMiddleware;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.WireAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Traces messages across the bus with OpenTelemetry, carrying the W3C trace context in the {@code traceparent} and
 * {@code tracestate} message attributes, so that a trace runs from a publisher through every handler and every
 * message those handlers publish.
 *
 * <ul>
 *   <li>{@link #handlerMiddleware()} starts a CONSUMER span {@code "<queue> process"}, child of the trace context
 *       the message carries, and makes it current while the inner layers and the handler run on that thread. A
 *       failed handling ends it with an error status.</li>
 *   <li>{@link #publishMiddleware()} starts a PRODUCER span {@code "<type> publish"}, child of the current span (or
 *       of the trace context of the message being handled), and writes its context into the outgoing message's
 *       attributes, unless the publisher set a {@code traceparent} of its own.</li>
 * </ul>
 *
 * <pre>{@code
 * OpenTelemetryTracing tracing = new OpenTelemetryTracing(openTelemetry);
 * MessagingBus.builder()
 *     .handlers(h -> h.withMiddleware(tracing.handlerMiddleware()) ...)
 *     .publications(p -> p.withMiddleware(tracing.publishMiddleware()) ...)
 * }</pre>
 *
 * A handler that hands work to other threads carries the span there itself ({@code Context.current().wrap(...)}).
 * OpenTelemetry is an optional dependency of the library: only this class refers to it.
 */
public final class OpenTelemetryTracing {

    private static final String INSTRUMENTATION_NAME = "dev.justsaying";

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> CONVERSATION_ID =
            AttributeKey.stringKey("messaging.message.conversation_id");
    private static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final String SQS = "aws_sqs";
    private static final String SNS = "aws.sns";

    private static final TextMapGetter<Map<String, MessageAttribute>> ATTRIBUTE_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, MessageAttribute> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, MessageAttribute> carrier, String key) {
            MessageAttribute attribute = carrier == null ? null : carrier.get(key);
            return attribute == null || attribute.isBinary() ? null : attribute.stringValue();
        }
    };

    private static final TextMapSetter<PublishOptions.Builder> ATTRIBUTE_SETTER =
            (carrier, key, value) -> carrier.attribute(key, value);

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final HandlerMiddleware handlerMiddleware = new ConsumerSpans();
    private final PublishMiddleware publishMiddleware = new ProducerSpans();

    public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(INSTRUMENTATION_NAME);
    }

    /** The handler layer that continues the message's trace in a CONSUMER span around its handling. */
    public HandlerMiddleware handlerMiddleware() {
        return handlerMiddleware;
    }

    /** The publish layer that records a PRODUCER span and sends its trace context with the message. */
    public PublishMiddleware publishMiddleware() {
        return publishMiddleware;
    }

    private Context extract(Context base, Map<String, MessageAttribute> attributes) {
        return propagator.extract(base, attributes, ATTRIBUTE_GETTER);
    }

    /**
     * Runs {@code inner} with {@code span} current, and ends the span when the stage it returns completes; a stage
     * that fails, or a call that throws, ends it with an error status.
     */
    private static <T> CompletionStage<T> inSpan(Context parent, Span span, Supplier<CompletionStage<T>> inner,
                                                 ResultRecorder<T> recordResult) {
        CompletionStage<T> result;
        try (Scope ignored = parent.with(span).makeCurrent()) {
            result = inner.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            span.end();
            throw e;
        }
        return result.whenComplete((value, error) -> {
            if (error != null) {
                failed(span, error);
            } else {
                recordResult.record(span, value);
            }
            span.end();
        });
    }

    private static void failed(Span span, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        span.recordException(cause);
        span.setAttribute(ERROR_TYPE, cause.getClass().getName());
        span.setStatus(StatusCode.ERROR, HandleResult.describe(cause));
    }

    /** What a completed stage's value adds to its span. */
    @FunctionalInterface
    private interface ResultRecorder<T> {
        void record(Span span, T value);
    }

    /** Continues the trace a received message carries. */
    private final class ConsumerSpans implements HandlerMiddleware {

        @Override
        public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
            MessageContext message = delivery.context();
            Context parent = extract(Context.root(), message.attributes());
            SpanBuilder builder = tracer.spanBuilder(message.queueName() + " process")
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute(MESSAGING_SYSTEM, SQS)
                    .setAttribute(OPERATION_TYPE, "process")
                    .setAttribute(OPERATION_NAME, "process")
                    .setAttribute(DESTINATION_NAME, message.queueName())
                    .setAttribute(MESSAGE_ID, message.messageId())
                    .setAttribute(CLOUD_REGION, message.region());
            if (message.metadata().conversation() != null) {
                builder.setAttribute(CONVERSATION_ID, message.metadata().conversation());
            }
            return inSpan(parent, builder.startSpan(), () -> next.handle(delivery), ConsumerSpans::recordOutcome);
        }

        private static void recordOutcome(Span span, HandleResult result) {
            if (result == null || result.isSuccess()) {
                return;
            }
            result.cause().ifPresent(span::recordException);
            result.cause().ifPresent(cause -> span.setAttribute(ERROR_TYPE, cause.getClass().getName()));
            span.setStatus(StatusCode.ERROR, result.reason().orElse("failed"));
        }

        @Override
        public String toString() {
            return "tracing";
        }
    }

    /** Starts a trace, or a step of the current one, for each message published. */
    private final class ProducerSpans implements PublishMiddleware {

        @Override
        public CompletableFuture<PublishResult> publish(OutgoingMessage message, Next next) {
            Map<String, MessageAttribute> attributes = message.options().attributes();
            boolean publisherSetTrace = attributes.containsKey(WireAttributes.TRACEPARENT);
            Context parent = publisherSetTrace ? extract(Context.current(), attributes) : currentOrHandled();
            SpanBuilder builder = tracer.spanBuilder(message.message().getClass().getSimpleName() + " publish")
                    .setParent(parent)
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(OPERATION_TYPE, "send")
                    .setAttribute(OPERATION_NAME, "publish");
            if (message.metadata().conversation() != null) {
                builder.setAttribute(CONVERSATION_ID, message.metadata().conversation());
            }
            Span span = builder.startSpan();
            OutgoingMessage traced = publisherSetTrace ? message : message.withOptions(carrying(parent.with(span),
                    message.options()));
            return inSpan(parent, span, () -> next.publish(traced), ProducerSpans::recordDestination)
                    .toCompletableFuture();
        }

        /** The current span's context or, when there is none, the trace context of the message being handled. */
        private Context currentOrHandled() {
            Context current = Context.current();
            if (Span.fromContext(current).getSpanContext().isValid()) {
                return current;
            }
            return CurrentMessage.context().map(handled -> extract(current, handled.attributes())).orElse(current);
        }

        private PublishOptions carrying(Context context, PublishOptions options) {
            PublishOptions.Builder builder = options.toBuilder();
            propagator.inject(context, builder, ATTRIBUTE_SETTER);
            return builder.build();
        }

        /** A topic is addressed by its ARN, a queue by its URL; both end with the destination's name. */
        private static void recordDestination(Span span, PublishResult published) {
            String address = published.destination();
            boolean topic = address.startsWith("arn:");
            span.setAttribute(MESSAGING_SYSTEM, topic ? SNS : SQS);
            span.setAttribute(DESTINATION_NAME, address.substring(address.lastIndexOf(topic ? ':' : '/') + 1));
            span.setAttribute(MESSAGE_ID, published.messageId());
            span.setAttribute(CLOUD_REGION, published.region());
        }

        @Override
        public String toString() {
            return "tracing";
        }
    }
}
