package dev.justbehave;

/**
 * One behaviour context per class, in the Given/When/Then style of JustBehave: {@code given()} arranges, the system
 * under test is created with a Mockito mock for each collaborator, {@code when()} acts once for the whole class, then
 * every {@link Then @Then} method runs as its own JUnit test against the outcome.
 *
 * <pre>{@code
 * class WhenIMakeAPayment extends BehaviourTest<PaymentService> {
 *     Receipt receipt;
 *
 *     protected void given() {
 *         Mockito.when(the(CardGateway.class).charge("4242", 1500)).thenReturn(new Authorisation("auth-1"));
 *     }
 *
 *     protected void when() {
 *         receipt = systemUnderTest().pay("4242", 1500);
 *     }
 *
 *     @Then
 *     void itGivesMeAReceipt() {
 *         assertThat(receipt.authorisation()).isEqualTo("auth-1");
 *     }
 * }
 * }</pre>
 *
 * <p>Scenarios grow by inheritance: a subclass overrides {@code given()} (calling {@code super.given()}) and inherits
 * the {@code @Then} methods of its parent. Contexts and {@code @Then} methods are named as sentences in test reports.
 *
 * @param <S> the class of the system under test
 */
public abstract non-sealed class BehaviourTest<S> extends BehaviourContext<S> {

    /** For subclasses: one instance per context class, shared by all its {@code @Then} methods. */
    protected BehaviourTest() {
    }

    /** Acts on the system under test, once for all the {@code @Then} methods of the context. */
    protected abstract void when() throws Exception;

    @Override
    final void act() throws Exception {
        when();
    }
}
