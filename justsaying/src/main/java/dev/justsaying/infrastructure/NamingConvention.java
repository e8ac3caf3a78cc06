package dev.justsaying.infrastructure;

/**
 * How the bus names the topic and the queue of a message type when none is given, and the error queue of a queue.
 * Pluggable so that a team can follow its own naming scheme; {@link #defaults()} follows JustSaying's, so a Java
 * service and a .NET service meet on the same topics and queues.
 *
 * <p>The names returned do not carry the {@code .fifo} suffix of a FIFO resource: the caller adds it. The error
 * queue name of a FIFO queue keeps the suffix at the end ({@code orders_error.fifo}).
 */
public interface NamingConvention {

    /** The topic name for events of this type. */
    String topicName(Class<?> messageType);

    /** The queue name for a subscription to messages of this type. */
    String queueName(Class<?> messageType);

    /** The error (dead-letter) queue of a queue: {@code <queue>_error}, or {@code <base>_error.fifo} for FIFO. */
    default String errorQueueName(String queueName) {
        if (AwsNames.isFifo(queueName)) {
            String base = queueName.substring(0, queueName.length() - AwsNames.FIFO_SUFFIX.length());
            return base + "_error" + AwsNames.FIFO_SUFFIX;
        }
        return queueName + "_error";
    }

    /**
     * JustSaying's convention: topic and queue are both the type's simple name, lower-cased and stripped to
     * {@code [a-z0-9_-]} ({@code OrderPlaced} becomes {@code orderplaced}).
     */
    static NamingConvention defaults() {
        return DefaultNamingConvention.INSTANCE;
    }
}
