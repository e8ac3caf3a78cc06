package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

class AndTheHandlerReturnsAFailure extends WhenAMessageCarryingATraceIsHandled {

    @Override
    protected CompletionStage<HandleResult> handler() {
        return CompletableFuture.completedFuture(HandleResult.failure(new IllegalStateException("order 42 is locked")));
    }

    @Then
    void theSpanEndsWithAnErrorStatusAndTheReason() {
        assertThat(consumerSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumerSpan().getStatus().getDescription()).isEqualTo("IllegalStateException: order 42 is locked");
    }

    @Then
    void theExceptionIsRecordedOnTheSpan() {
        assertThat(consumerSpan().getEvents()).singleElement().isInstanceOfSatisfying(ExceptionEventData.class,
                event -> assertThat(event.getException()).hasMessage("order 42 is locked"));
    }

    @Then
    void theFailurePassesOnToTheOuterLayers() {
        assertThat(handled.toCompletableFuture().join().isSuccess()).isFalse();
    }
}
