package dev.justsaying.handle;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler says about one message: handled, or failed with a reason (and perhaps the exception behind it).
 * A failed message is left on its queue for another try after a backoff, and reaches the error queue when its
 * receives run out.
 */
public final class HandleResult {

    private static final HandleResult SUCCESS = new HandleResult(true, null, null, null);

    private final boolean success;
    private final String reason;
    private final Throwable cause;
    private final Duration retryAfter;

    private HandleResult(boolean success, String reason, Throwable cause, Duration retryAfter) {
        this.success = success;
        this.reason = reason;
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    /** The message was handled; it will be deleted from its queue. */
    public static HandleResult success() {
        return SUCCESS;
    }

    /** The message was not handled, for this reason; it will be tried again. */
    public static HandleResult failure(String reason) {
        return new HandleResult(false, Objects.requireNonNull(reason, "reason"), null, null);
    }

    /** The message was not handled because of this exception; it will be tried again. */
    public static HandleResult failure(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        return new HandleResult(false, describe(cause), cause, null);
    }

    /** One line naming the exception's type and message, as recorded with a message that fails. */
    public static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    public boolean isSuccess() {
        return success;
    }

    /** Why the message failed; empty for a success. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The exception behind a failure, if there was one. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    /**
     * This failure, to be tried again after {@code delay} (the message's new visibility timeout) rather than when
     * its current visibility timeout ends. The backoff middleware sets it; a handler may set it itself.
     */
    public HandleResult retryAfter(Duration delay) {
        if (success) {
            throw new IllegalStateException("only a failure is tried again");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a retry delay is not negative, was " + delay);
        }
        return new HandleResult(false, reason, cause, delay);
    }

    /** When a failure should be tried again, if decided; otherwise when its visibility timeout ends. */
    public Optional<Duration> retryDelay() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return success ? "success" : "failure(" + reason + (retryAfter == null ? "" : ", retry after " + retryAfter) + ")";
    }
}
