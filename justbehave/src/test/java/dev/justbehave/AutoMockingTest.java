package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.justbehave.samples.AutoMockingSamples.WhenACollaboratorIsSuppliedTooLate;
import dev.justbehave.samples.AutoMockingSamples.WhenAValueIsMissing;
import dev.justbehave.samples.AutoMockingSamples.WhenAValueIsSupplied;
import dev.justbehave.samples.AutoMockingSamples.WhenBuiltFromMocks;
import dev.justbehave.samples.AutoMockingSamples.WhenCreatedByHand;
import dev.justbehave.samples.AutoMockingSamples.WhenGivenARealLedger;
import dev.justbehave.samples.AutoMockingSamples.WhenTheSystemUnderTestIsAnInterface;
import dev.justbehave.samples.AutoMockingSamples.WhenTheSystemUnderTestIsNotPublic;
import dev.justbehave.samples.AutoMockingSamples.WhenTheTypeComesThroughAGenericBase;
import dev.justbehave.samples.AutoMockingSamples.WhenTheTypeIsNotBound;
import dev.justbehave.samples.AutoMockingSamples.WhenTwoConstructorsAreEquallyGreedy;
import dev.justbehave.samples.Journal;
import dev.justbehave.samples.SampleRunner;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class AutoMockingTest {

    @Test
    void theGreediestConstructorGetsTheMocksTheTestStubsAndVerifies() {
        EngineExecutionResults results = SampleRunner.run(WhenBuiltFromMocks.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void aRealCollaboratorSuppliedWithUseReplacesTheMock() {
        EngineExecutionResults results = SampleRunner.run(WhenGivenARealLedger.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void anOverriddenCreationBuildsTheSystemUnderTestByHand() {
        EngineExecutionResults results = SampleRunner.run(WhenCreatedByHand.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aSystemUnderTestThatIsNotPublicIsBuiltThroughItsPublicConstructor() {
        EngineExecutionResults results = SampleRunner.run(WhenTheSystemUnderTestIsNotPublic.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aValueParameterIsSuppliedThroughItsPrimitiveType() {
        EngineExecutionResults results = SampleRunner.run(WhenAValueIsSupplied.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aMissingValueParameterFailsClearlyEvenWhenExceptionsAreRecorded() {
        EngineExecutionResults results = SampleRunner.run(WhenAValueIsMissing.class);

        assertEveryThenFailsWith(results, text -> text.startsWith(
                "Context 'When a value is missing' failed in creating the system under test:")
                && text.contains("parameter 'int attempts'")
                && text.contains("int is a value, not a collaborator")
                && text.contains("use(int.class, ...) in given()"));
        assertThat(Journal.entries()).doesNotContain("when");
    }

    @Test
    void equallyGreedyConstructorsFailClearly() {
        EngineExecutionResults results = SampleRunner.run(WhenTwoConstructorsAreEquallyGreedy.class);

        assertEveryThenFailsWith(results, text -> text.contains("has more than one greediest public constructor")
                && text.contains("Undecided(PaymentGateway)") && text.contains("Undecided(Ledger)")
                && text.contains("override createSystemUnderTest()"));
    }

    @Test
    void anInterfaceCannotBeBuiltAutomatically() {
        EngineExecutionResults results = SampleRunner.run(WhenTheSystemUnderTestIsAnInterface.class);

        assertEveryThenFailsWith(results, text -> text.contains("PaymentGateway is not a concrete class"));
    }

    @Test
    void theTypeOfTheSystemUnderTestIsFoundThroughAGenericBase() {
        EngineExecutionResults results = SampleRunner.run(WhenTheTypeComesThroughAGenericBase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anUnboundTypeOfTheSystemUnderTestFailsClearly() {
        EngineExecutionResults results = SampleRunner.run(WhenTheTypeIsNotBound.class);

        assertEveryThenFailsWith(results, text -> text.contains("Cannot tell the class of the system under test"));
    }

    @Test
    void useAfterGivenIsRejected() {
        EngineExecutionResults results = SampleRunner.run(WhenACollaboratorIsSuppliedTooLate.class);

        assertEveryThenFailsWith(results, text -> text.contains("use() belongs in given(), not in when()"));
    }

    private static void assertEveryThenFailsWith(EngineExecutionResults results, Predicate<String> expectedMessage) {
        results.testEvents().assertStatistics(stats -> stats.succeeded(0));
        results.testEvents().started().assertThatEvents().isNotEmpty();
        results.testEvents().finished().assertThatEvents().allSatisfy(finished -> assertThat(finished).is(
                event(test(), finishedWithFailure(instanceOf(ContextFailedException.class), message(expectedMessage),
                        cause(instanceOf(RuntimeException.class))))));
    }
}
