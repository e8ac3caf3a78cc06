package dev.justsaying.monitoring;

import dev.justbehave.BehaviourTest;
import dev.justsaying.monitoring.Messages.PlaceOrder;
import dev.justsaying.publish.OutgoingMessage;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.WireAttributes;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CompletableFuture;

/**
 * The publish middleware in front of a send that records what reached it and answers as the bus would for a queue
 * (or, when {@link #destination} is set to an ARN, a topic).
 */
abstract class PublishingContext extends BehaviourTest<OpenTelemetryTracing> {

    protected final InMemoryTracing tracing = new InMemoryTracing();
    protected String destination = "http://127.0.0.1:1/000000000000/orders";
    protected OutgoingMessage sent;
    protected CompletableFuture<PublishResult> published;

    @Override
    protected OpenTelemetryTracing createSystemUnderTest() {
        return new OpenTelemetryTracing(tracing.openTelemetry());
    }

    @Override
    protected void cleanUp() {
        tracing.close();
    }

    /** Publishes {@code PlaceOrder} with these options through the middleware. */
    protected void publish(PublishOptions options) {
        OutgoingMessage message = new OutgoingMessage(new PlaceOrder("42"), MessageMetadata.newMessage(), options);
        published = systemUnderTest().publishMiddleware().publish(message, outgoing -> {
            sent = outgoing;
            return send(outgoing);
        });
    }

    /** What the send answers. */
    protected CompletableFuture<PublishResult> send(OutgoingMessage outgoing) {
        return CompletableFuture.completedFuture(
                new PublishResult("sqs-id-7", outgoing.metadata().id(), destination, "eu-west-1"));
    }

    protected SpanData producerSpan() {
        return tracing.onlySpan("PlaceOrder publish");
    }

    protected String sentTraceparent() {
        return sent.options().attributes().get(WireAttributes.TRACEPARENT).stringValue();
    }

    /** The {@code traceparent} a span's context is written as. */
    protected static String traceparentOf(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    protected static boolean isRoot(SpanData span) {
        return span.getParentSpanId().equals(SpanId.getInvalid());
    }
}
