package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

import dev.justbehave.Then;
import java.util.concurrent.CompletableFuture;
import org.mockito.Mockito;

class AndTheLockStoreIsUnavailable extends WhenAMessageReachesAnExactlyOnceHandler {

    private final RuntimeException storeError = new RuntimeException("connection refused");

    @Override
    protected void given() throws Exception {
        super.given();
        Mockito.when(the(MessageLock.class).tryAcquire(any(), any()))
                .thenReturn(CompletableFuture.failedFuture(storeError));
    }

    @Then
    void theHandlerDoesNotRun() {
        assertThat(handlerCalls).hasValue(0);
    }

    @Then
    void itFailsSoTheMessageIsTriedAgainNotDropped() {
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.cause()).containsInstanceOf(MessageLockException.class);
        assertThat(result.cause().orElseThrow()).hasMessageContaining(message.key()).hasCause(storeError);
    }

    @Then
    void theBackoffDecidesWhenItIsTriedAgain() {
        assertThat(result.retryDelay()).isEmpty();
    }
}
