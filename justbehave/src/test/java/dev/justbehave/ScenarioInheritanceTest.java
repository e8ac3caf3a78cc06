package dev.justbehave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.justbehave.samples.Journal;
import dev.justbehave.samples.SampleRunner;
import dev.justbehave.samples.ScenarioSamples.AndItIsAccepted;
import dev.justbehave.samples.ScenarioSamples.AndMyPaymentIsRejected;
import dev.justbehave.samples.ScenarioSamples.AndTheS3BucketIsMissing;
import dev.justbehave.samples.ScenarioSamples.WhenIRetry3Times;
import dev.justbehave.samples.ScenarioSamples.WhenTheSQSQueueIsDown;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ScenarioInheritanceTest {

    @Test
    void aRefinedScenarioRunsItsParentsGivenFirstAndInheritsItsThens() {
        EngineExecutionResults results = SampleRunner.run(AndMyPaymentIsRejected.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("itChargesMyCardOnce"), finishedSuccessfully()));
        assertThat(Journal.entries()).containsExactly(
                "given: I make a payment", "given: my payment is rejected", "create system under test");
    }

    @Test
    void siblingScenariosEachGetTheirOwnContext() {
        EngineExecutionResults results = SampleRunner.run(AndItIsAccepted.class, AndMyPaymentIsRejected.class);

        results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
        assertThat(Journal.entries()).filteredOn("create system under test"::equals).hasSize(2);
    }

    @Test
    void aConcreteScenarioRunsOnItsOwnAndAsTheParentOfARefinement() {
        EngineExecutionResults results = SampleRunner.run(WhenTheSQSQueueIsDown.class, AndTheS3BucketIsMissing.class);

        results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
        assertThat(Journal.entries()).containsExactlyInAnyOrder(
                "create system under test", "when: WhenTheSQSQueueIsDown",
                "create system under test", "when: AndTheS3BucketIsMissing");
    }

    @Test
    void scenariosAreNamedAsSentencesJoinedByArrows() {
        EngineExecutionResults results = SampleRunner.run(AndItIsAccepted.class, AndMyPaymentIsRejected.class,
                AndTheS3BucketIsMissing.class, WhenIRetry3Times.class);

        assertThat(results.containerEvents().started().map(started -> started.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder(
                        "JUnit Jupiter",
                        "When I make a payment \u2192 and it is accepted",
                        "When I make a payment \u2192 and my payment is rejected",
                        "When the SQS queue is down \u2192 and the S3 bucket is missing",
                        "Given a flaky network \u2192 when I retry 3 times");
    }

    @Test
    void thensAreNamedAsSentencesFromCamelCaseAndSnakeCase() {
        EngineExecutionResults results = SampleRunner.run(AndMyPaymentIsRejected.class, AndTheS3BucketIsMissing.class);

        assertThat(results.testEvents().started().map(started -> started.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder(
                        "it charges my card once", "it tells me why", "it records nothing in the ledger",
                        "it keeps the payment for later", "it returns an OK status", "it alerts the on call engineer");
        results.containerEvents().assertThatEvents().haveExactly(1, event(
                container(displayName("When I make a payment \u2192 and my payment is rejected")), finishedSuccessfully()));
    }
}
