package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.justbehave.samples.ExceptionSamples.WhenARecordedConstructorThrows;
import dev.justbehave.samples.ExceptionSamples.WhenARecordedPaymentIsRejected;
import dev.justbehave.samples.ExceptionSamples.WhenAnUnrecordedConstructorThrows;
import dev.justbehave.samples.ExceptionSamples.WhenAnUnrecordedPaymentIsRejected;
import dev.justbehave.samples.ExceptionSamples.WhenNothingIsThrown;
import dev.justbehave.samples.Journal;
import dev.justbehave.samples.PaymentRejected;
import dev.justbehave.samples.SampleRunner;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ExceptionsTest {

    @Test
    void aRecordedExceptionIsThereForEveryThenToInspect() {
        EngineExecutionResults results = SampleRunner.run(WhenARecordedPaymentIsRejected.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("itTellsMeWhy"), finishedSuccessfully()))
                .haveExactly(1, event(test("itRecordsTheException"), finishedSuccessfully()))
                .haveExactly(1, event(test("itRecordsNothingInTheLedger"), finishedSuccessfully()));
    }

    @Test
    void theTypedAccessorFailsWhenTheRecordedExceptionIsOfAnotherType() {
        EngineExecutionResults results = SampleRunner.run(WhenARecordedPaymentIsRejected.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("itThrowsSomethingElse"), finishedWithFailure(
                instanceOf(AssertionError.class),
                message("Expected java.lang.IllegalArgumentException to be thrown, but it was "
                        + PaymentRejected.class.getName() + ": card expired"),
                cause(instanceOf(PaymentRejected.class)))));
    }

    @Test
    void anUnrecordedExceptionFailsEveryThenNamingTheContextAndTheCause() {
        EngineExecutionResults results = SampleRunner.run(WhenAnUnrecordedPaymentIsRejected.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        results.testEvents().failed().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                instanceOf(ContextFailedException.class),
                message("Context 'When an unrecorded payment is rejected' failed in when(): "
                        + PaymentRejected.class.getName() + ": card expired"),
                cause(instanceOf(PaymentRejected.class)))));
    }

    @Test
    void nothingIsRecordedWhenNothingThrows() {
        EngineExecutionResults results = SampleRunner.run(WhenNothingIsThrown.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("nothingIsRecorded"), finishedSuccessfully()))
                .haveExactly(1, event(test("itThrowsAnyway"), finishedWithFailure(instanceOf(AssertionError.class),
                        message("Expected " + PaymentRejected.class.getName()
                                + " to be thrown, but nothing was recorded"))));
    }

    @Test
    void aRecordedConstructorExceptionSkipsWhenAndLeavesNoSystemUnderTest() {
        EngineExecutionResults results = SampleRunner.run(WhenARecordedConstructorThrows.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Journal.entries()).doesNotContain("when", "afterWhen");
    }

    @Test
    void anUnrecordedConstructorExceptionFailsEveryThen() {
        EngineExecutionResults results = SampleRunner.run(WhenAnUnrecordedConstructorThrows.class);

        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ContextFailedException.class),
                message("Context 'When an unrecorded constructor throws' failed in creating the system under test: "
                        + "java.lang.IllegalStateException: no merchant id configured"),
                cause(instanceOf(IllegalStateException.class)))));
        assertThat(Journal.entries()).doesNotContain("when");
    }
}
