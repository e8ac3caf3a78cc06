package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.util.List;
import java.util.concurrent.CompletableFuture;

class WhenAHandlerThrows extends BehaviourTest<HandlerPipeline> {

    private HandleResult thrown;
    private HandleResult failedStage;

    @Override
    protected HandlerPipeline createSystemUnderTest() {
        return HandlerPipeline.of(List.of(new ErrorHandlingMiddleware()), delivery -> {
            throw new IllegalStateException("the database is down");
        });
    }

    @Override
    protected void when() {
        thrown = systemUnderTest().handle(Deliveries.of("order", 1)).toCompletableFuture().join();
        failedStage = HandlerPipeline.of(List.of(new ErrorHandlingMiddleware()),
                        delivery -> CompletableFuture.failedFuture(new ArithmeticException("overflow")))
                .handle(Deliveries.of("order", 1)).toCompletableFuture().join();
    }

    @Then
    void itIsAFailureNamingTheException() {
        assertThat(thrown.isSuccess()).isFalse();
        assertThat(thrown.reason()).contains("IllegalStateException: the database is down");
        assertThat(thrown.cause()).containsInstanceOf(IllegalStateException.class);
    }

    @Then
    void aFailedStageIsAFailureToo() {
        assertThat(failedStage.reason()).contains("ArithmeticException: overflow");
    }
}
