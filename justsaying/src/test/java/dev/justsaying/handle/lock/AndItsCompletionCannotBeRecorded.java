package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

import dev.justbehave.Then;
import java.util.concurrent.CompletableFuture;
import org.mockito.Mockito;

class AndItsCompletionCannotBeRecorded extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.acquired(lease));
        Mockito.when(the(MessageLock.class).markCompleted(any(), any()))
                .thenReturn(CompletableFuture.failedFuture(new RuntimeException("throttled")));
    }

    @Then
    void theHandlerRanOnce() {
        assertThat(handlerCalls).hasValue(1);
    }

    @Then
    void itStillSucceedsBecauseTheWorkIsDone() {
        assertThat(result.isSuccess()).isTrue();
    }
}
