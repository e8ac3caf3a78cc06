package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.justbehave.samples.AsyncSamples.WhenARecordedAsyncPaymentIsRejected;
import dev.justbehave.samples.AsyncSamples.WhenAnAsyncPaymentSucceeds;
import dev.justbehave.samples.AsyncSamples.WhenAnUnrecordedAsyncPaymentIsRejected;
import dev.justbehave.samples.AsyncSamples.WhenTheGatewayNeverAnswers;
import dev.justbehave.samples.AsyncSamples.WhenWhenReturnsNoStage;
import dev.justbehave.samples.Journal;
import dev.justbehave.samples.PaymentRejected;
import dev.justbehave.samples.SampleRunner;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class AsyncBehaviourTestTest {

    @Test
    void theStageIsAwaitedBeforeAfterWhenAndTheThens() {
        EngineExecutionResults results = SampleRunner.run(WhenAnAsyncPaymentSucceeds.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(Journal.entries()).containsExactly("afterWhen, receipt Receipt[authorisation=auth-1, amountInPence=1500]");
    }

    @Test
    void aStageThatFailsIsRecordedAsItsCause() {
        EngineExecutionResults results = SampleRunner.run(WhenARecordedAsyncPaymentIsRejected.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anUnrecordedFailedStageFailsEveryThenWithItsCause() {
        EngineExecutionResults results = SampleRunner.run(WhenAnUnrecordedAsyncPaymentIsRejected.class);

        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ContextFailedException.class),
                message("Context 'When an unrecorded async payment is rejected' failed in when(): "
                        + PaymentRejected.class.getName() + ": insufficient funds"),
                cause(instanceOf(PaymentRejected.class)))));
    }

    @Test
    void aStageThatOverrunsItsTimeoutIsCancelledAndFailsEveryThenEvenWhenRecording() {
        EngineExecutionResults results = SampleRunner.run(WhenTheGatewayNeverAnswers.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        results.testEvents().failed().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                instanceOf(ContextFailedException.class),
                message(text -> text.startsWith("Context 'When the gateway never answers' failed in when(): ")
                        && text.contains("when() did not complete within PT0.05S; override whenTimeout()")),
                cause(instanceOf(ContextException.class), cause(instanceOf(TimeoutException.class))))));
        assertThat(Journal.entries()).containsExactly("payment cancelled: true");
    }

    @Test
    void noStageToAwaitFailsClearly() {
        EngineExecutionResults results = SampleRunner.run(WhenWhenReturnsNoStage.class);

        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(text -> text.contains("when() returned null instead of a CompletionStage to await")))));
    }
}
