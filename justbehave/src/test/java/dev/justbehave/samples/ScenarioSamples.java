package dev.justbehave.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import org.junit.jupiter.api.DisplayName;
import org.mockito.Mockito;

/** Scenarios that grow by inheritance, named as sentences in the report. */
public final class ScenarioSamples {

    private ScenarioSamples() {
    }

    /** An abstract scenario step: its @Then holds in every refinement. */
    public abstract static class WhenIMakeAPayment extends BehaviourTest<PaymentService> {

        protected Receipt receipt;

        @Override
        protected void given() {
            Journal.record("given: I make a payment");
            Mockito.when(the(PaymentGateway.class).charge("4242", 1500)).thenReturn("auth-1");
        }

        @Override
        protected void when() {
            receipt = systemUnderTest().pay("4242", 1500);
        }

        @Then
        void itChargesMyCardOnce() {
            verify(the(PaymentGateway.class), times(1)).charge("4242", 1500);
        }
    }

    @Sample
    public static class AndItIsAccepted extends WhenIMakeAPayment {

        @Then
        void itGivesMeAReceipt() {
            assertThat(receipt).isEqualTo(new Receipt("auth-1", 1500));
        }

        @Then
        void itRecordsThePaymentInTheLedger() {
            verify(the(Ledger.class)).record(receipt);
        }
    }

    @Sample
    public static class AndMyPaymentIsRejected extends WhenIMakeAPayment {

        @Override
        protected void given() {
            super.given();
            Journal.record("given: my payment is rejected");
            recordAnyExceptionsThrown();
            Mockito.when(the(PaymentGateway.class).charge("4242", 1500)).thenThrow(new PaymentRejected("card expired"));
        }

        @Then
        void it_tells_me_why() {
            assertThat(thrownException(PaymentRejected.class).reason()).isEqualTo("card expired");
        }

        @Then
        void itRecordsNothingInTheLedger() {
            verifyNoInteractions(the(Ledger.class));
        }
    }

    /** A concrete scenario, run on its own and refined by a subclass. */
    @Sample
    public static class WhenTheSQSQueueIsDown extends BehaviourTest<PaymentService> {

        @Override
        protected void when() {
            Journal.record("when: " + getClass().getSimpleName());
        }

        @Then
        void it_keeps_the_payment_for_later() {
            assertThat(systemUnderTest()).isNotNull();
        }

        @Then
        void itReturnsAnOKStatus() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    @Sample
    public static class AndTheS3BucketIsMissing extends WhenTheSQSQueueIsDown {

        @Then
        void itAlertsTheOnCallEngineer() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    /** Shared set-up only: left out of the names. */
    public abstract static class PaymentSetup extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            Mockito.when(the(PaymentGateway.class).charge("4242", 1500)).thenReturn("auth-3");
        }
    }

    /** No @Then, but a @DisplayName: a step of the name, as written. */
    @DisplayName("Given a flaky network")
    public abstract static class GivenAFlakyNetwork extends PaymentSetup {
    }

    @Sample
    public static class WhenIRetry3Times extends GivenAFlakyNetwork {

        private Receipt receipt;

        @Override
        protected void when() {
            receipt = systemUnderTest().pay("4242", 1500);
        }

        @Then
        void itSucceedsAtLast() {
            assertThat(receipt.authorisation()).isEqualTo("auth-3");
        }
    }
}
