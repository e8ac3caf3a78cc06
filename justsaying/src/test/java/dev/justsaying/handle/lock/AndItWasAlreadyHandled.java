package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;

class AndItWasAlreadyHandled extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.alreadyCompleted());
    }

    @Then
    void theHandlerDoesNotRun() {
        assertThat(handlerCalls).hasValue(0);
    }

    @Then
    void itSucceedsSoTheDuplicateIsDeleted() {
        assertThat(result.isSuccess()).isTrue();
    }

    @Then
    void theLockIsLeftAsItIs() {
        verify(the(MessageLock.class), never()).markCompleted(any(), any());
        verify(the(MessageLock.class), never()).release(any());
    }
}
