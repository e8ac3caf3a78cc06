package dev.justsaying.publish;

/**
 * A publish that failed for good: after its retries, or at once for a mistake no retry mends (no publication for the
 * type, a message too large, a delay on a topic). The message names the destination and what to do.
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
