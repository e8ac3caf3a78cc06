package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the futures of start-up tasks, bounded so that a hung task fails its test instead of the build. */
final class Outcomes {

    private static final long BOUND_SECONDS = 60;

    private Outcomes() {
    }

    /** The value the task completed with; fails the test if it failed. */
    static <T> T result(CompletableFuture<T> task) {
        try {
            return task.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the task failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the task did not complete", e);
        }
    }

    /** The exception the task failed with, which must be an {@link InfrastructureException}. */
    static InfrastructureException failure(CompletableFuture<?> task) {
        Throwable thrown = catchThrowable(() -> task.get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertThat(thrown).as("the task's outcome").isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(InfrastructureException.class);
        return (InfrastructureException) thrown.getCause();
    }
}
