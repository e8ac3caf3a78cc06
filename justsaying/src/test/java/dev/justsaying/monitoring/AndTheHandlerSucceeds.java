package dev.justsaying.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

class AndTheHandlerSucceeds extends WhenAMessageCarryingATraceIsHandled {

    @Override
    protected CompletionStage<HandleResult> handler() {
        return CompletableFuture.completedFuture(HandleResult.success());
    }

    @Then
    void theSpanEndsWithoutAnError() {
        assertThat(consumerSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Then
    void theResultPassesOn() {
        assertThat(handled.toCompletableFuture().join().isSuccess()).isTrue();
    }
}
