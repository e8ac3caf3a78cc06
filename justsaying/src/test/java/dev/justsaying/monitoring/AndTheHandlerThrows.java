package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.CompletionStage;

class AndTheHandlerThrows extends WhenAMessageCarryingATraceIsHandled {

    @Override
    protected void given() {
        recordAnyExceptionsThrown();
    }

    @Override
    protected CompletionStage<HandleResult> handler() {
        throw new IllegalArgumentException("no such order");
    }

    @Then
    void theSpanEndsWithAnErrorStatus() {
        assertThat(consumerSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumerSpan().getStatus().getDescription()).isEqualTo("IllegalArgumentException: no such order");
    }

    @Then
    void theExceptionReachesTheOuterLayers() {
        assertThat(thrownException(IllegalArgumentException.class)).hasMessage("no such order");
    }
}
