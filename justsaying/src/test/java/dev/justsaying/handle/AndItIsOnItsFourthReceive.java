package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import dev.justbehave.Then;
import java.time.Duration;

class AndItIsOnItsFourthReceive extends WhenAMessageFails {

    @Then
    void theStrategyIsAskedWithTheReceiveCount() {
        verify(the(BackoffStrategy.class)).delayBeforeRetry(eq(4), any());
    }

    @Then
    void itIsTriedAgainAfterTheStrategysDelay() {
        assertThat(result.retryDelay()).contains(Duration.ofSeconds(8));
    }
}
