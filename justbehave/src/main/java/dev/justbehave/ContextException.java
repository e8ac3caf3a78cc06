package dev.justbehave;

/**
 * A fault of the test context itself rather than a behaviour of the system under test: the system under
 * test cannot be built automatically, or an asynchronous {@code when()} outlived its timeout.
 * {@code recordAnyExceptionsThrown()} never records it, so it always fails the context.
 */
final class ContextException extends RuntimeException {

    ContextException(String message) {
        super(message);
    }

    ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
