package dev.justbehave;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A behaviour context whose action is asynchronous: {@code when()} returns a {@link CompletionStage} that is awaited,
 * for at most {@link #whenTimeout()}, before the {@code @Then} methods run. A stage that completes exceptionally
 * counts as {@code when()} throwing its cause (recorded after {@code recordAnyExceptionsThrown()}); a stage that
 * does not complete in time is cancelled and fails the context, and that timeout is never recorded.
 *
 * <p>Everything else is as in {@link BehaviourTest}.
 *
 * @param <S> the class of the system under test
 */
public abstract non-sealed class AsyncBehaviourTest<S> extends BehaviourContext<S> {

    private static final Duration DEFAULT_WHEN_TIMEOUT = Duration.ofSeconds(10);

    /** For subclasses: one instance per context class, shared by all its {@code @Then} methods. */
    protected AsyncBehaviourTest() {
    }

    /** Starts acting on the system under test, once for the whole context; the returned stage is awaited. */
    protected abstract CompletionStage<?> when() throws Exception;

    /** How long to wait for the stage returned by {@code when()}: 10 seconds unless overridden. */
    protected Duration whenTimeout() {
        return DEFAULT_WHEN_TIMEOUT;
    }

    @Override
    final void act() throws Exception {
        CompletionStage<?> stage = when();
        if (stage == null) {
            throw new ContextException("when() returned null instead of a CompletionStage to await");
        }
        CompletableFuture<?> outcome = stage.toCompletableFuture();
        Duration timeout = whenTimeout();
        try {
            outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failureOf(e.getCause());
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new ContextException("when() did not complete within " + timeout
                    + "; override whenTimeout() if it needs longer", e);
        }
    }

    /** The exception the stage failed with, unwrapped from the completion wrappers; an {@link Error} is rethrown. */
    private static Exception failureOf(Throwable cause) {
        Throwable failure = cause;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }
}
