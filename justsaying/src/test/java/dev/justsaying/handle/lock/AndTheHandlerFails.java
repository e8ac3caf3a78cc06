package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import java.util.concurrent.CompletableFuture;

class AndTheHandlerFails extends WhenAMessageReachesAnExactlyOnceHandler {

    private final HandleResult failure = HandleResult.failure("the database is down");

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.acquired(lease));
        handlerOutcome = CompletableFuture.completedFuture(failure);
    }

    @Then
    void theHandlersFailureIsPassedOn() {
        assertThat(result).isSameAs(failure);
    }

    @Then
    void theLockIsReleasedSoTheRetryCanRun() {
        verify(the(MessageLock.class)).release(lease);
    }

    @Then
    void theMessageIsNotMarkedCompleted() {
        verify(the(MessageLock.class), never()).markCompleted(any(), any());
    }
}
