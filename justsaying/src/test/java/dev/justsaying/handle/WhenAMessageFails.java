package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.mockito.Mockito;

/** The backoff layer gives failures a retry delay from the strategy. */
abstract class WhenAMessageFails extends BehaviourTest<BackoffMiddleware> {

    protected HandleResult handlerResult = HandleResult.failure("database unavailable");
    protected HandleResult result;

    @Override
    protected void given() {
        Mockito.when(the(BackoffStrategy.class).delayBeforeRetry(anyInt(), any())).thenReturn(Duration.ofSeconds(8));
    }

    @Override
    protected void when() {
        result = systemUnderTest()
                .handle(Deliveries.of("order", 4), delivery -> CompletableFuture.completedFuture(handlerResult))
                .toCompletableFuture().join();
    }

    @Then
    void itStaysAFailureWithItsReason() {
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.reason()).contains(handlerResult.reason().orElseThrow());
    }
}
