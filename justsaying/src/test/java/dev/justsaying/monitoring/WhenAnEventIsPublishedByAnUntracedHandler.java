package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.CurrentMessage;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.wire.MessageAttribute;
import dev.justsaying.wire.WireAttributes;
import io.opentelemetry.api.common.AttributeKey;
import java.util.Map;

/** A handler without the tracing middleware around it: the trace comes from the message being handled. */
class WhenAnEventIsPublishedByAnUntracedHandler extends PublishingContext {

    @Override
    protected void given() {
        destination = "arn:aws:sns:eu-west-1:000000000000:orderplaced";
    }

    @Override
    protected void when() {
        try (CurrentMessage.Scope ignored = CurrentMessage.enter(Messages.receivedFromOrders(
                Map.of(WireAttributes.TRACEPARENT, MessageAttribute.ofString(Messages.TRACEPARENT))))) {
            publish(PublishOptions.none());
        }
    }

    @Then
    void theProducerSpanContinuesTheHandledMessagesTrace() {
        assertThat(producerSpan().getTraceId()).isEqualTo(Messages.TRACE_ID);
        assertThat(producerSpan().getParentSpanId()).isEqualTo(Messages.SENDER_SPAN_ID);
    }

    @Then
    void theEventCarriesTheProducerSpanNotTheHandledMessagesSpan() {
        assertThat(sentTraceparent()).isEqualTo(traceparentOf(producerSpan())).isNotEqualTo(Messages.TRACEPARENT);
    }

    @Then
    void theSpanNamesTheTopic() {
        assertThat(producerSpan().getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "aws.sns")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orderplaced");
    }
}
