package dev.justbehave;

/**
 * Fails a {@code @Then} method because its context could not be established: {@code given()}, the creation
 * of the system under test, {@code when()} or {@code afterWhen()} threw something that was not recorded.
 * A new instance is thrown for each {@code @Then} so that each report carries its own stack of suppressions.
 */
final class ContextFailedException extends RuntimeException {

    ContextFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
