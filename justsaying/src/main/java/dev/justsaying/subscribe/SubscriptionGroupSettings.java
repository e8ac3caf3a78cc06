package dev.justsaying.subscribe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a group of queues is read: how many of its messages are handled at once, how many are fetched per receive
 * and buffered ahead of the handlers, how long a receive waits for messages, and optionally how many messages per
 * second it may take, and how often the messages of running handlers get a fresh visibility timeout. Queues in one
 * group share the limits; groups are independent. Immutable.
 */
public final class SubscriptionGroupSettings {

    /** SQS returns at most 10 messages per receive. */
    public static final int MAX_PREFETCH = 10;

    private final int concurrencyLimit;
    private final int prefetch;
    private final int bufferSize;
    private final Duration receiveWait;
    private final int pollersPerQueue;
    private final Double messagesPerSecond;
    private final Double visibilityHeartbeat;

    private SubscriptionGroupSettings(Builder builder) {
        this.concurrencyLimit = builder.concurrencyLimit;
        this.prefetch = builder.prefetch;
        this.bufferSize = builder.bufferSize;
        this.receiveWait = builder.receiveWait;
        this.pollersPerQueue = builder.pollersPerQueue;
        this.messagesPerSecond = builder.messagesPerSecond;
        this.visibilityHeartbeat = builder.visibilityHeartbeat;
    }

    /**
     * Defaults: 8 messages at once per core, prefetch 10, buffer 10, 20 s long polls, one poller per queue, running
     * handlers' messages extended every half visibility timeout.
     */
    public static SubscriptionGroupSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.concurrencyLimit = concurrencyLimit;
        builder.prefetch = prefetch;
        builder.bufferSize = bufferSize;
        builder.receiveWait = receiveWait;
        builder.pollersPerQueue = pollersPerQueue;
        builder.messagesPerSecond = messagesPerSecond;
        builder.visibilityHeartbeat = visibilityHeartbeat;
        return builder;
    }

    /** Messages of the group handled at once (the starting value; it can change at run time). */
    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    /** The most messages one receive asks for (1–10). */
    public int prefetch() {
        return prefetch;
    }

    /** Messages received but not yet started that each queue may hold. */
    public int bufferSize() {
        return bufferSize;
    }

    /** How long a receive waits for messages to arrive (long polling, 0–20 s). */
    public Duration receiveWait() {
        return receiveWait;
    }

    /** Receives in flight at once per queue. */
    public int pollersPerQueue() {
        return pollersPerQueue;
    }

    /** The most messages per second the group takes from its queues, if limited. */
    public OptionalDouble messagesPerSecond() {
        return messagesPerSecond == null ? OptionalDouble.empty() : OptionalDouble.of(messagesPerSecond);
    }

    /**
     * The fraction of its queue's visibility timeout after which a message still being handled gets a fresh one
     * (and again every such interval); empty if the group does not extend visibility.
     */
    public OptionalDouble visibilityHeartbeat() {
        return visibilityHeartbeat == null ? OptionalDouble.empty() : OptionalDouble.of(visibilityHeartbeat);
    }

    @Override
    public String toString() {
        return "concurrency " + concurrencyLimit + ", prefetch " + prefetch + ", buffer " + bufferSize
                + ", receive wait " + receiveWait.toMillis() + " ms, pollers per queue " + pollersPerQueue
                + Optional.ofNullable(messagesPerSecond).map(rate -> ", at most " + rate + " msg/s").orElse("")
                + Optional.ofNullable(visibilityHeartbeat).map(part -> ", visibility extended every " + part
                        + " of its timeout").orElse(", no visibility heartbeat");
    }

    /** Collects settings; {@link #build()} checks them. */
    public static final class Builder {
        private int concurrencyLimit = 8 * Runtime.getRuntime().availableProcessors();
        private int prefetch = MAX_PREFETCH;
        private int bufferSize = MAX_PREFETCH;
        private Duration receiveWait = Duration.ofSeconds(20);
        private int pollersPerQueue = 1;
        private Double messagesPerSecond;
        private Double visibilityHeartbeat = 0.5;

        private Builder() {
        }

        public Builder concurrencyLimit(int limit) {
            if (limit < 1 || limit > 10_000) {
                throw new IllegalArgumentException("concurrencyLimit is between 1 and 10000, was " + limit);
            }
            this.concurrencyLimit = limit;
            return this;
        }

        public Builder prefetch(int messages) {
            if (messages < 1 || messages > MAX_PREFETCH) {
                throw new IllegalArgumentException("prefetch is between 1 and 10 (SQS returns at most 10 messages "
                        + "per receive), was " + messages);
            }
            this.prefetch = messages;
            return this;
        }

        public Builder bufferSize(int messages) {
            if (messages < 1 || messages > 1_000) {
                throw new IllegalArgumentException("bufferSize is between 1 and 1000, was " + messages);
            }
            this.bufferSize = messages;
            return this;
        }

        public Builder receiveWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative() || wait.compareTo(Duration.ofSeconds(20)) > 0) {
                throw new IllegalArgumentException("receiveWait is between 0 and 20 seconds (the SQS maximum), was " + wait);
            }
            this.receiveWait = wait;
            return this;
        }

        public Builder pollersPerQueue(int pollers) {
            if (pollers < 1 || pollers > 50) {
                throw new IllegalArgumentException("pollersPerQueue is between 1 and 50, was " + pollers);
            }
            this.pollersPerQueue = pollers;
            return this;
        }

        public Builder messagesPerSecond(double rate) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("messagesPerSecond must be a positive number, was " + rate);
            }
            this.messagesPerSecond = rate;
            return this;
        }

        /**
         * Extends a running handler's message after {@code fractionOfTimeout} (0.1–0.9) of its queue's visibility
         * timeout, and every such interval after; the default is 0.5, which leaves half the timeout for the
         * extension to get through on a slow network.
         */
        public Builder visibilityHeartbeat(double fractionOfTimeout) {
            if (!(fractionOfTimeout >= 0.1 && fractionOfTimeout <= 0.9)) {
                throw new IllegalArgumentException("visibilityHeartbeat is a fraction of the visibility timeout "
                        + "between 0.1 and 0.9, was " + fractionOfTimeout);
            }
            this.visibilityHeartbeat = fractionOfTimeout;
            return this;
        }

        /** Never extends visibility: a handler that outlives its message's timeout sees it handed to another. */
        public Builder withoutVisibilityHeartbeat() {
            this.visibilityHeartbeat = null;
            return this;
        }

        public SubscriptionGroupSettings build() {
            return new SubscriptionGroupSettings(this);
        }
    }
}
