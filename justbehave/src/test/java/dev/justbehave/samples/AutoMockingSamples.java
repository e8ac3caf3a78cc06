package dev.justbehave.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.util.ArrayList;
import java.util.List;
import org.mockito.Mockito;

/** Contexts whose system under test is built for them: from mocks, real collaborators, or by hand. */
public final class AutoMockingSamples {

    private AutoMockingSamples() {
    }

    /** The greediest constructor gets a mock per parameter, the very mocks the test stubs and verifies. */
    @Sample
    public static class WhenBuiltFromMocks extends BehaviourTest<PaymentService> {

        private Receipt receipt;

        @Override
        protected void given() {
            Mockito.when(the(PaymentGateway.class).charge("4242", 1500)).thenReturn("auth-7");
        }

        @Override
        protected void when() {
            receipt = systemUnderTest().pay("4242", 1500);
        }

        @Then
        void itGetsTheGatewayMockTheTestStubbed() {
            assertThat(systemUnderTest().gateway()).isSameAs(the(PaymentGateway.class));
            assertThat(receipt.authorisation()).isEqualTo("auth-7");
        }

        @Then
        void itGetsALedgerMockThroughTheGreediestConstructor() {
            assertThat(mockingDetails(systemUnderTest().ledger()).isMock()).isTrue();
            verify(the(Ledger.class)).record(receipt);
        }
    }

    /** A real ledger supplied with use() replaces the mock. */
    @Sample
    public static class WhenGivenARealLedger extends BehaviourTest<PaymentService> {

        private final RememberingLedger ledger = new RememberingLedger();

        @Override
        protected void given() {
            the(Ledger.class); // a mock handed out first is replaced by use()
            use(Ledger.class, ledger);
            Mockito.when(the(PaymentGateway.class).charge("4242", 900)).thenReturn("auth-9");
        }

        @Override
        protected void when() {
            systemUnderTest().pay("4242", 900);
        }

        @Then
        void itRecordsInTheRealLedger() {
            assertThat(ledger.receipts).containsExactly(new Receipt("auth-9", 900));
        }

        @Then
        void theTestSeesTheRealLedgerToo() {
            assertThat(the(Ledger.class)).isSameAs(ledger);
        }
    }

    /** createSystemUnderTest() overridden: the less greedy constructor, by hand. */
    @Sample
    public static class WhenCreatedByHand extends BehaviourTest<PaymentService> {

        @Override
        protected PaymentService createSystemUnderTest() {
            return new PaymentService(the(PaymentGateway.class));
        }

        @Override
        protected void when() {
            systemUnderTest().pay("4242", 100);
        }

        @Then
        void itUsesTheHandMadeSystemUnderTest() {
            assertThat(mockingDetails(systemUnderTest().ledger()).isMock()).isFalse();
            verify(the(PaymentGateway.class)).charge("4242", 100);
        }
    }

    /** Takes a number of attempts: a value that cannot be mocked. */
    public static final class RetryingPayments {

        private final int attempts;

        public RetryingPayments(PaymentGateway gateway, int attempts) {
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** Leaves the int parameter to auto-mocking: a clear error, never recorded. */
    @Sample
    public static class WhenAValueIsMissing extends BehaviourTest<RetryingPayments> {

        @Override
        protected void given() {
            recordAnyExceptionsThrown();
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itRetries() {
            assertThat(systemUnderTest().attempts()).isPositive();
        }
    }

    /** Supplies the int parameter through its primitive type. */
    @Sample
    public static class WhenAValueIsSupplied extends BehaviourTest<RetryingPayments> {

        @Override
        protected void given() {
            use(int.class, 3);
        }

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itRetriesThreeTimes() {
            assertThat(systemUnderTest().attempts()).isEqualTo(3);
        }
    }

    /** Two constructors equally greedy. */
    public static final class Undecided {

        public Undecided(PaymentGateway gateway) {
        }

        public Undecided(Ledger ledger) {
        }
    }

    @Sample
    public static class WhenTwoConstructorsAreEquallyGreedy extends BehaviourTest<Undecided> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsCreated() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    @Sample
    public static class WhenTheSystemUnderTestIsAnInterface extends BehaviourTest<PaymentGateway> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsCreated() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    /** Shares set-up and passes its type parameter on to BehaviourTest. */
    public abstract static class PaymentContext<T> extends BehaviourTest<T> {

        @Override
        protected void given() {
            Mockito.when(the(PaymentGateway.class).charge("4242", 500)).thenReturn("auth-5");
        }
    }

    @Sample
    public static class WhenTheTypeComesThroughAGenericBase extends PaymentContext<PaymentService> {

        private Receipt receipt;

        @Override
        protected void when() {
            receipt = systemUnderTest().pay("4242", 500);
        }

        @Then
        void itBuildsTheBoundType() {
            assertThat(receipt).isEqualTo(new Receipt("auth-5", 500));
        }
    }

    @Sample
    @SuppressWarnings("rawtypes")
    public static class WhenTheTypeIsNotBound extends PaymentContext {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsCreated() {
            assertThat(systemUnderTest()).isNotNull();
        }
    }

    /** Package-private, as systems under test often are, with a public constructor. */
    static final class PackagePrivateService {

        private final PaymentGateway gateway;

        public PackagePrivateService(PaymentGateway gateway) {
            this.gateway = gateway;
        }
    }

    @Sample
    public static class WhenTheSystemUnderTestIsNotPublic extends BehaviourTest<PackagePrivateService> {

        @Override
        protected void when() {
            Journal.record("when");
        }

        @Then
        void itIsBuiltAnyway() {
            assertThat(systemUnderTest().gateway).isSameAs(the(PaymentGateway.class));
        }
    }

    /** use() is for given(), before the system under test exists. */
    @Sample
    public static class WhenACollaboratorIsSuppliedTooLate extends BehaviourTest<PaymentService> {

        @Override
        protected void when() {
            use(Ledger.class, new RememberingLedger());
        }

        @Then
        void itIsUsed() {
            assertThat(systemUnderTest().ledger()).isInstanceOf(RememberingLedger.class);
        }
    }

    /** A real ledger that keeps what it is given. */
    static final class RememberingLedger implements Ledger {

        private final List<Receipt> receipts = new ArrayList<>();

        @Override
        public void record(Receipt receipt) {
            receipts.add(receipt);
        }
    }
}
