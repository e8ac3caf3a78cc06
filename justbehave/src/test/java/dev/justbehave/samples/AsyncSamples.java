package dev.justbehave.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;

import dev.justbehave.AsyncBehaviourTest;
import dev.justbehave.Then;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.mockito.Mockito;

/** Contexts whose when() returns a stage to await: it completes late, fails, or never completes. */
public final class AsyncSamples {

    private AsyncSamples() {
    }

    /** Charges cards without blocking. */
    public interface AsyncPaymentGateway {

        CompletableFuture<String> charge(String card, long amountInPence);
    }

    /** The asynchronous system under test. */
    public static final class AsyncPaymentService {

        private final AsyncPaymentGateway gateway;

        public AsyncPaymentService(AsyncPaymentGateway gateway) {
            this.gateway = gateway;
        }

        public CompletableFuture<Receipt> pay(String card, long amountInPence) {
            return gateway.charge(card, amountInPence).thenApply(authorisation -> new Receipt(authorisation, amountInPence));
        }
    }

    /** The gateway authorises on another thread, some time after when() has returned its stage. */
    @Sample
    public static class WhenAnAsyncPaymentSucceeds extends AsyncBehaviourTest<AsyncPaymentService> {

        private Receipt receipt;

        @Override
        protected void given() {
            Mockito.when(the(AsyncPaymentGateway.class).charge("4242", 1500)).thenAnswer(invocation -> CompletableFuture
                    .supplyAsync(() -> "auth-1", CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        }

        @Override
        protected CompletionStage<?> when() {
            return systemUnderTest().pay("4242", 1500).thenAccept(paid -> receipt = paid);
        }

        @Override
        protected void afterWhen() {
            Journal.record("afterWhen, receipt " + receipt);
        }

        @Then
        void itGivesMeAReceipt() {
            assertThat(receipt).isEqualTo(new Receipt("auth-1", 1500));
        }
    }

    /** Stubs the gateway to fail every charge asynchronously. */
    public abstract static class RejectingAsyncGateway extends AsyncBehaviourTest<AsyncPaymentService> {

        @Override
        protected void given() {
            Mockito.when(the(AsyncPaymentGateway.class).charge(anyString(), anyLong()))
                    .thenReturn(CompletableFuture.failedFuture(new PaymentRejected("insufficient funds")));
        }

        @Override
        protected CompletionStage<?> when() {
            return systemUnderTest().pay("4242", 1500);
        }
    }

    @Sample
    public static class WhenARecordedAsyncPaymentIsRejected extends RejectingAsyncGateway {

        @Override
        protected void given() {
            super.given();
            recordAnyExceptionsThrown();
        }

        @Then
        void itTellsMeWhy() {
            assertThat(thrownException(PaymentRejected.class).reason()).isEqualTo("insufficient funds");
        }
    }

    @Sample
    public static class WhenAnUnrecordedAsyncPaymentIsRejected extends RejectingAsyncGateway {

        @Then
        void itTellsMeWhy() {
            assertThat(thrownException(PaymentRejected.class).reason()).isEqualTo("insufficient funds");
        }
    }

    /** The gateway never answers; even recorded, the timeout fails the context, and the stage is cancelled. */
    @Sample
    public static class WhenTheGatewayNeverAnswers extends AsyncBehaviourTest<AsyncPaymentService> {

        private CompletableFuture<Receipt> payment;

        @Override
        protected void given() {
            recordAnyExceptionsThrown();
            Mockito.when(the(AsyncPaymentGateway.class).charge(anyString(), anyLong())).thenReturn(new CompletableFuture<>());
        }

        @Override
        protected Duration whenTimeout() {
            return Duration.ofMillis(50);
        }

        @Override
        protected CompletionStage<?> when() {
            payment = systemUnderTest().pay("4242", 1500);
            return payment;
        }

        @Override
        protected void cleanUp() {
            Journal.record("payment cancelled: " + payment.isCancelled());
        }

        @Then
        void itGivesMeAReceipt() {
            assertThat(payment).isCompleted();
        }

        @Then
        void nothingIsRecorded() {
            assertThat(thrownException()).isEmpty();
        }
    }

    @Sample
    public static class WhenWhenReturnsNoStage extends AsyncBehaviourTest<AsyncPaymentService> {

        @Override
        protected CompletionStage<?> when() {
            return null;
        }

        @Then
        void itGivesMeAReceipt() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }
}
