package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.suppressed;

import dev.justbehave.samples.Journal;
import dev.justbehave.samples.LifecycleSamples.WhenAnAssumptionDoesNotHold;
import dev.justbehave.samples.LifecycleSamples.WhenEverythingGoesWell;
import dev.justbehave.samples.LifecycleSamples.WhenGivenFails;
import dev.justbehave.samples.LifecycleSamples.WhenOneOutcomeIsWrong;
import dev.justbehave.samples.LifecycleSamples.WhenTheLifecycleIsPerMethod;
import dev.justbehave.samples.LifecycleSamples.WhenWhenFails;
import dev.justbehave.samples.SampleRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

class LifecycleTest {

    @Test
    void stepsRunInOrderWithWhenOnceForAllTheThens() {
        EngineExecutionResults results = SampleRunner.run(WhenEverythingGoesWell.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
        assertThat(Journal.entries()).containsExactly(
                "given", "create system under test", "when", "afterWhen", "then", "then", "then", "cleanUp");
    }

    @Test
    void aFailingThenLeavesTheOthersPassing() {
        EngineExecutionResults results = SampleRunner.run(WhenOneOutcomeIsWrong.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(1));
        results.testEvents().failed().assertThatEvents().haveExactly(1,
                event(test("itIsWrong"), finishedWithFailure(message(text -> text.contains("the wrong outcome")))));
        assertThat(Journal.entries()).containsOnlyOnce("when");
    }

    @Test
    void aThrowingGivenFailsEveryThenNamingTheContextAndTheCause() {
        EngineExecutionResults results = SampleRunner.run(WhenGivenFails.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        results.testEvents().failed().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                instanceOf(ContextFailedException.class),
                message("Context 'When given fails' failed in given(): java.lang.IllegalStateException: no card on file"),
                cause(instanceOf(IllegalStateException.class)))));
        assertThat(Journal.entries()).as("when() and the @Then bodies are skipped, cleanUp() is not")
                .containsExactly("cleanUp");
    }

    @Test
    void afterWhenRunsAfterAThrowingWhenAndItsOwnFailureIsSuppressed() {
        EngineExecutionResults results = SampleRunner.run(WhenWhenFails.class);

        results.testEvents().failed().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                message("Context 'When when fails' failed in when(): java.lang.IllegalStateException: gateway unreachable"),
                cause(instanceOf(IllegalStateException.class),
                        suppressed(0, message("cannot stop what never started"))))));
        assertThat(Journal.entries()).containsExactly("create system under test", "when", "afterWhen");
    }

    @Test
    void anAssumptionInGivenAbortsEveryThen() {
        EngineExecutionResults results = SampleRunner.run(WhenAnAssumptionDoesNotHold.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1).failed(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test(), abortedWithReason(
                instanceOf(TestAbortedException.class),
                message(text -> text.startsWith("Context 'When an assumption does not hold' was aborted in given()")
                        && text.contains("no gateway sandbox on this machine")))));
        assertThat(Journal.entries()).isEmpty();
    }

    @Test
    void aContextThatGivesUpItsSingleInstanceIsRejectedClearly() {
        EngineExecutionResults results = SampleRunner.run(WhenTheLifecycleIsPerMethod.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(
                container(WhenTheLifecycleIsPerMethod.class.getSimpleName()),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.contains("must keep @TestInstance(PER_CLASS)")))));
        assertThat(Journal.entries()).doesNotContain("when", "then");
    }

    @Test
    void samplesAreDisabledOutsideEngineTestKitRuns() {
        EngineExecutionResults results = SampleRunner.runUnguarded(WhenGivenFails.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(
                container(WhenGivenFails.class.getSimpleName()),
                skippedWithReason(reason -> reason.contains("runs only through EngineTestKit"))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(Journal.entries()).isEmpty();
    }
}
