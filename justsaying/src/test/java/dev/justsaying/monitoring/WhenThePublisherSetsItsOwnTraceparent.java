package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.wire.WireAttributes;

class WhenThePublisherSetsItsOwnTraceparent extends PublishingContext {

    @Override
    protected void when() {
        publish(PublishOptions.builder().attribute(WireAttributes.TRACEPARENT, Messages.TRACEPARENT).build());
    }

    @Then
    void itIsSentUnchanged() {
        assertThat(sentTraceparent()).isEqualTo(Messages.TRACEPARENT);
    }

    @Then
    void theProducerSpanJoinsThatTrace() {
        assertThat(producerSpan().getTraceId()).isEqualTo(Messages.TRACE_ID);
        assertThat(producerSpan().getParentSpanId()).isEqualTo(Messages.SENDER_SPAN_ID);
    }
}
