package dev.justsaying.handle;

/**
 * Handles one message at a time, synchronously. It may block (JDBC, HTTP): it runs on the bus's handler threads,
 * whose number is the concurrency limit. Throwing is the same as returning a failure.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface MessageHandler<T> {

    HandleResult handle(T message, MessageContext context) throws Exception;
}
