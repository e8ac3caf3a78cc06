package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.time.Duration;

class AndTheHandlerChoseItsOwnDelay extends WhenAMessageFails {

    @Override
    protected void given() {
        super.given();
        handlerResult = HandleResult.failure("rate limited").retryAfter(Duration.ofMinutes(1));
    }

    @Then
    void theHandlersDelayWins() {
        assertThat(result.retryDelay()).contains(Duration.ofMinutes(1));
        verify(the(BackoffStrategy.class), never()).delayBeforeRetry(anyInt(), any());
    }
}
