package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.time.Duration;

class AndItIsTheFirstDelivery extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.acquired(lease));
    }

    @Then
    void itLocksTheHandlerAndJustSayingIdForFiveMinutes() {
        verify(the(MessageLock.class)).tryAcquire(Copies.HANDLER + ":" + delivery.context().metadata().id(),
                Duration.ofMinutes(5));
    }

    @Then
    void theHandlerRunsOnce() {
        assertThat(handlerCalls).hasValue(1);
    }

    @Then
    void itSucceeds() {
        assertThat(result.isSuccess()).isTrue();
    }

    @Then
    void theMessageIsRememberedAsCompletedForSevenDays() {
        verify(the(MessageLock.class)).markCompleted(lease, Duration.ofDays(7));
    }

    @Then
    void theLockIsNotReleased() {
        verify(the(MessageLock.class), never()).release(any());
    }
}
