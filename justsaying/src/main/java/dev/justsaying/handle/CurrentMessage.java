package dev.justsaying.handle;

import java.util.Optional;

/**
 * The message being handled on this thread, if any: what a publish made from inside a handler uses to carry the
 * conversation and the trace context on to the messages it sends.
 */
public final class CurrentMessage {

    private static final ThreadLocal<MessageContext> CURRENT = new ThreadLocal<>();

    private CurrentMessage() {
    }

    /** The context of the message being handled on this thread. */
    public static Optional<MessageContext> context() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code context} current until the returned scope closes, restoring what was current before. */
    public static Scope enter(MessageContext context) {
        MessageContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Ends a {@link #enter(MessageContext)}. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
