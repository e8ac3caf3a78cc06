package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.util.concurrent.CompletableFuture;

class AndTheHandlerThrows extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        recordAnyExceptionsThrown();
        theLockAnswers(LockAttempt.acquired(lease));
        handlerOutcome = CompletableFuture.failedFuture(new IllegalStateException("the database is down"));
    }

    @Then
    void theExceptionIsPassedOnForTheErrorHandlingLayer() {
        assertThat(thrownException(IllegalStateException.class)).hasMessage("the database is down");
    }

    @Then
    void theLockIsReleasedSoTheRetryCanRun() {
        verify(the(MessageLock.class)).release(lease);
        verify(the(MessageLock.class), never()).markCompleted(any(), any());
    }
}
