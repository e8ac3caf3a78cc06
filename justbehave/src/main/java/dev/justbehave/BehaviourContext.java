package dev.justbehave;

import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.opentest4j.TestAbortedException;

/**
 * What the synchronous and the asynchronous behaviour contexts share: the arrangement ({@code given()}, the
 * collaborators, the system under test), the recorded exception, and the order in which the context is established
 * once for all its {@code @Then} methods: given → create the system under test → when → afterWhen → @Then methods
 * → cleanUp.
 *
 * @param <S> the class of the system under test
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BehaviourExtension.class)
@DisplayNameGeneration(SentenceDisplayNames.class)
@Execution(ExecutionMode.SAME_THREAD)
abstract sealed class BehaviourContext<S> permits BehaviourTest, AsyncBehaviourTest {

    /** The steps of a context, in the order they run. */
    private enum Step {
        ARRANGING("the context's constructor", false),
        GIVEN("given()", false),
        CREATING_SYSTEM_UNDER_TEST("creating the system under test", true),
        WHEN("when()", true),
        AFTER_WHEN("afterWhen()", false),
        THEN("the @Then methods", false),
        CLEAN_UP("cleanUp()", false);

        private final String description;
        private final boolean recordsExceptions;

        Step(String description, boolean recordsExceptions) {
            this.description = description;
            this.recordsExceptions = recordsExceptions;
        }
    }

    /** What went wrong while establishing the context, and in which step. */
    private record Failure(Step step, Throwable cause) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private final AutoMocker collaborators = new AutoMocker();
    private Step step = Step.ARRANGING;
    private String name;
    private boolean recordingExceptions;
    private Exception thrownException;
    private S systemUnderTest;
    private Failure failure;

    BehaviourContext() {
    }

    /**
     * Arranges the context: stub collaborators fetched with {@link #the(Class)}, supply real ones with
     * {@link #use(Class, Object)}, call {@link #recordAnyExceptionsThrown()}. A scenario that refines another
     * overrides it and calls {@code super.given()} first. Does nothing by default.
     */
    protected void given() throws Exception {
    }

    /**
     * Creates the system under test after {@code given()}. By default through its greediest public constructor, with
     * the collaborator of {@link #the(Class)} for every parameter; override to build it by hand.
     */
    @SuppressWarnings("unchecked")
    protected S createSystemUnderTest() throws Exception {
        Class<?> type = TypeArguments.resolve(getClass(), BehaviourContext.class, 0).orElseThrow(() -> new ContextException(
                "Cannot tell the class of the system under test of " + getClass().getName()
                        + "; extend BehaviourTest<YourClass> with a concrete class or override createSystemUnderTest()"));
        return (S) collaborators.construct(type);
    }

    /** Runs right after {@code when()}, even when it threw: a place to stop what {@code when()} started. */
    protected void afterWhen() throws Exception {
    }

    /** Runs after all the {@code @Then} methods, even when the context could not be established. */
    protected void cleanUp() throws Exception {
    }

    /**
     * The collaborator of this type: a Mockito mock made on first request (the same one the system under test
     * receives), or the instance supplied with {@link #use(Class, Object)}. Stub it in {@code given()}, verify it in a
     * {@code @Then} method.
     *
     * @throws IllegalStateException if the type is a value (primitive, wrapper, String, enum, array) or Mockito
     *     cannot mock it; supply such a collaborator with {@link #use(Class, Object)}
     */
    protected final <T> T the(Class<T> type) {
        return collaborators.the(Objects.requireNonNull(type, "type"));
    }

    /**
     * Supplies a real collaborator, given to every constructor parameter of this type instead of a mock (primitive
     * parameters take their wrapper: {@code use(int.class, 3)}). Call it in {@code given()}; a later call for the same
     * type replaces the earlier collaborator.
     */
    protected final <T> void use(Class<T> type, T instance) {
        requireArranging("use()");
        collaborators.use(Objects.requireNonNull(type, "type"), Objects.requireNonNull(instance, "instance"));
    }

    /**
     * Records an exception thrown by {@code when()} or by the creation of the system under test, for the
     * {@code @Then} methods to inspect with {@link #thrownException()}, instead of failing them all. Call it in
     * {@code given()}.
     */
    protected final void recordAnyExceptionsThrown() {
        requireArranging("recordAnyExceptionsThrown()");
        recordingExceptions = true;
    }

    /** The system under test, created after {@code given()}. */
    protected final S systemUnderTest() {
        if (systemUnderTest != null) {
            return systemUnderTest;
        }
        if (thrownException != null) {
            throw new IllegalStateException("There is no system under test: creating it threw " + thrownException
                    + " (recorded, see thrownException())", thrownException);
        }
        throw new IllegalStateException("The system under test does not exist yet during " + step.description
                + "; it is created after given()");
    }

    /** The exception recorded after {@link #recordAnyExceptionsThrown()}, or empty if nothing threw. */
    protected final Optional<Exception> thrownException() {
        return Optional.ofNullable(thrownException);
    }

    /**
     * The recorded exception as the type a {@code @Then} method expects.
     *
     * @throws AssertionError if nothing was recorded or the recorded exception is of another type
     */
    protected final <E extends Exception> E thrownException(Class<E> expectedType) {
        if (thrownException == null) {
            throw new AssertionError("Expected " + expectedType.getName() + " to be thrown, but nothing was recorded"
                    + (recordingExceptions ? "" : " (call recordAnyExceptionsThrown() in given())"));
        }
        if (!expectedType.isInstance(thrownException)) {
            throw new AssertionError("Expected " + expectedType.getName() + " to be thrown, but it was "
                    + thrownException, thrownException);
        }
        return expectedType.cast(thrownException);
    }

    /** Runs {@code when()} of the synchronous or the asynchronous variant, waiting for it to complete. */
    abstract void act() throws Exception;

    /** Establishes the context once, before its first {@code @Then} method, keeping any failure for all of them. */
    final void establish(String contextName) {
        name = contextName;
        if (run(Step.GIVEN, this::given) && run(Step.CREATING_SYSTEM_UNDER_TEST, this::keepNewSystemUnderTest)) {
            run(Step.WHEN, this::act);
            run(Step.AFTER_WHEN, this::afterWhen);
        }
        step = Step.THEN;
    }

    /** Fails (or aborts) the calling {@code @Then} method if the context could not be established. */
    final void requireEstablished() {
        if (failure == null) {
            return;
        }
        String outcome = "Context '" + name + "' %s in " + failure.step().description + ": " + failure.cause();
        if (failure.cause() instanceof TestAbortedException) {
            throw new TestAbortedException(outcome.formatted("was aborted"), failure.cause());
        }
        throw new ContextFailedException(outcome.formatted("failed"), failure.cause());
    }

    /** Runs {@code cleanUp()} after the last {@code @Then} method. */
    final void tearDown() throws Exception {
        step = Step.CLEAN_UP;
        cleanUp();
    }

    /** Runs one step; true if it completed, false if it threw (the exception is then recorded or kept as failure). */
    private boolean run(Step next, Action action) {
        step = next;
        try {
            action.run();
            return true;
        } catch (Exception e) {
            if (recordingExceptions && next.recordsExceptions && isBehaviour(e)) {
                thrownException = e;
            } else {
                fail(next, e);
            }
        } catch (Error e) {
            fail(next, e);
        }
        return false;
    }

    private void keepNewSystemUnderTest() throws Exception {
        systemUnderTest = createSystemUnderTest();
        if (systemUnderTest == null) {
            throw new ContextException("createSystemUnderTest() returned null");
        }
    }

    private void fail(Step failedStep, Throwable cause) {
        if (failure == null) {
            failure = new Failure(failedStep, cause);
        } else {
            failure.cause().addSuppressed(cause);
        }
    }

    private void requireArranging(String method) {
        if (step != Step.ARRANGING && step != Step.GIVEN) {
            throw new IllegalStateException(method + " belongs in given(), not in " + step.description);
        }
    }

    /** Whether an exception is something the system under test did, rather than a fault or abort of the test. */
    private static boolean isBehaviour(Exception e) {
        return !(e instanceof ContextException) && !(e instanceof TestAbortedException);
    }
}
