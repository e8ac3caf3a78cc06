package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.time.Duration;

class AndAnotherConsumerIsHandlingItNow extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.heldByAnother(Duration.ofMinutes(3)));
    }

    @Then
    void theHandlerDoesNotRun() {
        assertThat(handlerCalls).hasValue(0);
    }

    @Then
    void itFailsSayingAnotherConsumerIsHandlingIt() {
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("another consumer"));
    }

    @Then
    void itIsTriedAgainWhenTheOtherConsumersLeaseRunsOut() {
        assertThat(result.retryDelay()).contains(Duration.ofMinutes(3));
    }

    @Then
    void theOtherConsumersLockIsLeftAlone() {
        verify(the(MessageLock.class), never()).release(any());
        verify(the(MessageLock.class), never()).markCompleted(any(), any());
    }
}
