package dev.justbehave.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import org.mockito.Mockito;

/** Contexts whose when() or system-under-test constructor throws, with and without recording. */
public final class ExceptionSamples {

    private ExceptionSamples() {
    }

    /** Stubs the gateway to reject every payment. */
    public abstract static class RejectingGateway extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            Mockito.when(the(PaymentGateway.class).charge(anyString(), anyLong())).thenThrow(new PaymentRejected("card expired"));
        }

        @Override
        protected void when() {
            systemUnderTest().pay("4242", 1500);
        }
    }

    @Sample
    public static class WhenARecordedPaymentIsRejected extends RejectingGateway {

        @Override
        protected void given() {
            super.given();
            recordAnyExceptionsThrown();
        }

        @Then
        void itTellsMeWhy() {
            assertThat(thrownException(PaymentRejected.class).reason()).isEqualTo("card expired");
        }

        @Then
        void itRecordsTheException() {
            assertThat(thrownException()).containsInstanceOf(PaymentRejected.class);
        }

        @Then
        void itRecordsNothingInTheLedger() {
            verifyNoInteractions(the(Ledger.class));
        }

        /** Fails on purpose: the typed accessor names what was expected and what was thrown. */
        @Then
        void itThrowsSomethingElse() {
            thrownException(IllegalArgumentException.class);
        }
    }

    @Sample
    public static class WhenAnUnrecordedPaymentIsRejected extends RejectingGateway {

        @Then
        void itTellsMeWhy() {
            assertThat(thrownException(PaymentRejected.class).reason()).isEqualTo("card expired");
        }

        @Then
        void itRecordsNothingInTheLedger() {
            verifyNoInteractions(the(Ledger.class));
        }
    }

    /** Records exceptions, but nothing throws. */
    @Sample
    public static class WhenNothingIsThrown extends BehaviourTest<PaymentService> {

        @Override
        protected void given() {
            recordAnyExceptionsThrown();
        }

        @Override
        protected void when() {
            systemUnderTest().pay("4242", 1500);
        }

        @Then
        void nothingIsRecorded() {
            assertThat(thrownException()).isEmpty();
        }

        /** Fails on purpose: nothing was thrown. */
        @Then
        void itThrowsAnyway() {
            thrownException(PaymentRejected.class);
        }
    }

    /** A system under test whose constructor throws. */
    public static final class UnconfiguredService {

        public UnconfiguredService(PaymentGateway gateway) {
            throw new IllegalStateException("no merchant id configured");
        }
    }

    @Sample
    public static class WhenARecordedConstructorThrows extends BehaviourTest<UnconfiguredService> {

        @Override
        protected void given() {
            recordAnyExceptionsThrown();
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Override
        protected void afterWhen() {
            Journal.record("afterWhen");
        }

        @Then
        void itTellsMeWhatIsMissing() {
            assertThat(thrownException(IllegalStateException.class)).hasMessage("no merchant id configured");
        }

        @Then
        void thereIsNoSystemUnderTest() {
            assertThatThrownBy(this::systemUnderTest)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("There is no system under test: creating it threw");
        }
    }

    @Sample
    public static class WhenAnUnrecordedConstructorThrows extends BehaviourTest<UnconfiguredService> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsCreated() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }
}
