package dev.justbehave.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import org.junit.jupiter.api.TestInstance;

/** Contexts that journal each step, to show the order and the number of times the steps run. */
public final class LifecycleSamples {

    private LifecycleSamples() {
    }

    /** Journals every step; its @Then methods all pass. */
    @Sample
    public static class WhenEverythingGoesWell extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            Journal.record("given");
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Override
        protected void afterWhen() {
            Journal.record("afterWhen");
        }

        @Override
        protected void cleanUp() {
            Journal.record("cleanUp");
        }

        @Then
        void firstOutcome() {
            Journal.record("then");
        }

        @Then
        void secondOutcome() {
            Journal.record("then");
        }

        @Then
        void thirdOutcome() {
            Journal.record("then");
        }
    }

    /** One @Then fails; the others still pass. */
    @Sample
    public static class WhenOneOutcomeIsWrong extends BehaviourTest<PaymentService> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsRight() {
            assertThat(systemUnderTest()).isNotNull();
        }

        @Then
        void itIsWrong() {
            assertThat(1).as("the wrong outcome").isEqualTo(2);
        }

        @Then
        void itIsRightToo() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    /** given() throws: every @Then fails, when() does not run, cleanUp() does. */
    @Sample
    public static class WhenGivenFails extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            throw new IllegalStateException("no card on file");
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Override
        protected void cleanUp() {
            Journal.record("cleanUp");
        }

        @Then
        void itPays() {
            Journal.record("then");
        }

        @Then
        void itRecordsThePayment() {
            Journal.record("then");
        }
    }

    /** when() throws, unrecorded: afterWhen() still runs and every @Then fails. */
    @Sample
    public static class WhenWhenFails extends BehaviourTest<PaymentService> {

        @Override
        protected void when() {
            Journal.record("when");
            throw new IllegalStateException("gateway unreachable");
        }

        @Override
        protected void afterWhen() {
            Journal.record("afterWhen");
            throw new IllegalArgumentException("cannot stop what never started");
        }

        @Then
        void itPays() {
            Journal.record("then");
        }

        @Then
        void itRecordsThePayment() {
            Journal.record("then");
        }
    }

    /** An assumption in given() does not hold: every @Then is aborted rather than failed. */
    @Sample
    public static class WhenAnAssumptionDoesNotHold extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            assumeTrue(false, "no gateway sandbox on this machine");
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itPays() {
            Journal.record("then");
        }
    }

    /** Turns its lifecycle back to one instance per @Then, which a behaviour context cannot work with. */
    @Sample
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    public static class WhenTheLifecycleIsPerMethod extends BehaviourTest<PaymentService> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itPays() {
            Journal.record("then");
        }
    }
}
