package dev.justsaying.handle.lock;

/**
 * A {@link MessageLock} could not say whether a message may be handled (its store is unreachable, throttled or
 * full). The message is not handled and not dropped: it fails and is tried again later.
 */
public final class MessageLockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageLockException(String message, Throwable cause) {
        super(message, cause);
    }

    public MessageLockException(String message) {
        super(message);
    }
}
