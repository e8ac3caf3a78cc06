package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.publish.OutgoingMessage;
import dev.justsaying.publish.PublishException;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.publish.PublishResult;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.CompletableFuture;

class WhenAPublishFails extends PublishingContext {

    @Override
    protected void when() {
        publish(PublishOptions.none());
    }

    @Override
    protected CompletableFuture<PublishResult> send(OutgoingMessage outgoing) {
        return CompletableFuture.failedFuture(new PublishException("the topic is gone"));
    }

    @Then
    void aNewTraceStartsWithTheProducerSpan() {
        assertThat(isRoot(producerSpan())).isTrue();
    }

    @Then
    void theSpanEndsWithAnErrorStatus() {
        assertThat(producerSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(producerSpan().getStatus().getDescription()).contains("the topic is gone");
    }

    @Then
    void theFailurePassesOn() {
        assertThat(published).isCompletedExceptionally();
    }
}
