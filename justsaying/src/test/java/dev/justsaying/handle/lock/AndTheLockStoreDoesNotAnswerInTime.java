package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.mockito.Mockito;

class AndTheLockStoreDoesNotAnswerInTime extends WhenAMessageReachesAnExactlyOnceHandler {

    private final CompletableFuture<LockAttempt> lateAnswer = new CompletableFuture<>();

    @Override
    protected void given() throws Exception {
        super.given();
        Mockito.when(the(MessageLock.class).tryAcquire(any(), any())).thenReturn(lateAnswer);
    }

    @Override
    protected ExactlyOnceMiddleware createSystemUnderTest() {
        return ExactlyOnceMiddleware.builder(the(MessageLock.class)).waitForLockAtMost(Duration.ofMillis(50)).build();
    }

    @Then
    void theHandlerDoesNotRun() {
        assertThat(handlerCalls).hasValue(0);
    }

    @Then
    void itFailsSoTheMessageIsTriedAgain() {
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.cause()).hasValueSatisfying(cause -> assertThat(cause)
                .isInstanceOf(MessageLockException.class).hasMessageContaining("did not answer within PT0.05S"));
    }

    @Then
    void aKeyAcquiredAfterItStoppedWaitingIsGivenBack() {
        lateAnswer.complete(LockAttempt.acquired(lease));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(the(MessageLock.class)).release(lease));
    }
}
