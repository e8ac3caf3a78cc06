package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import java.time.Duration;

class AndTheOtherConsumersLeaseIsRunningOut extends WhenAMessageReachesAnExactlyOnceHandler {

    @Override
    protected void given() throws Exception {
        super.given();
        theLockAnswers(LockAttempt.heldByAnother(Duration.ofMillis(20)));
    }

    @Then
    void itIsTriedAgainNoSoonerThanASecondLater() {
        assertThat(result.retryDelay()).contains(Duration.ofSeconds(1));
    }
}
