package dev.justsaying.region;

import java.time.Duration;
import java.util.Objects;

/**
 * When publishing leaves a region and when it comes back: a region is marked unhealthy after
 * {@code failuresBeforeFailover} publishes in a row failed there (errors or timeouts; under
 * {@link FailoverStrategy#ACTIVE_PASSIVE_SUBSCRIBER} failed receives count too); while unhealthy it is probed
 * every {@code probeInterval}, and it is healthy again after {@code probesBeforeFailback} successful probes in a row
 * and no sooner than {@code minimumTimeAway} after it was marked — the hysteresis that keeps publishing from
 * flapping between regions. Immutable.
 */
public final class FailoverPolicy {

    private final int failuresBeforeFailover;
    private final int probesBeforeFailback;
    private final Duration probeInterval;
    private final Duration minimumTimeAway;

    private FailoverPolicy(Builder builder) {
        this.failuresBeforeFailover = builder.failuresBeforeFailover;
        this.probesBeforeFailback = builder.probesBeforeFailback;
        this.probeInterval = builder.probeInterval;
        this.minimumTimeAway = builder.minimumTimeAway;
    }

    /** 3 failures to fail over; probes every 5 s; 3 good probes and at least 30 s away to fail back. */
    public static FailoverPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int failuresBeforeFailover() {
        return failuresBeforeFailover;
    }

    public int probesBeforeFailback() {
        return probesBeforeFailback;
    }

    public Duration probeInterval() {
        return probeInterval;
    }

    public Duration minimumTimeAway() {
        return minimumTimeAway;
    }

    @Override
    public String toString() {
        return "fail over after " + failuresBeforeFailover + " failures; fail back after " + probesBeforeFailback
                + " good probes every " + probeInterval.toMillis() + " ms, at least " + minimumTimeAway.toMillis()
                + " ms away";
    }

    /** Collects a policy; every setter checks its value. */
    public static final class Builder {
        private int failuresBeforeFailover = 3;
        private int probesBeforeFailback = 3;
        private Duration probeInterval = Duration.ofSeconds(5);
        private Duration minimumTimeAway = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder failuresBeforeFailover(int failures) {
            if (failures < 1 || failures > 1_000) {
                throw new IllegalArgumentException("failuresBeforeFailover is between 1 and 1000, was " + failures);
            }
            this.failuresBeforeFailover = failures;
            return this;
        }

        public Builder probesBeforeFailback(int probes) {
            if (probes < 1 || probes > 1_000) {
                throw new IllegalArgumentException("probesBeforeFailback is between 1 and 1000, was " + probes);
            }
            this.probesBeforeFailback = probes;
            return this;
        }

        public Builder probeInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").toMillis() < 10) {
                throw new IllegalArgumentException("probeInterval is at least 10 ms, was " + interval);
            }
            this.probeInterval = interval;
            return this;
        }

        public Builder minimumTimeAway(Duration time) {
            if (Objects.requireNonNull(time, "time").isNegative()) {
                throw new IllegalArgumentException("minimumTimeAway is not negative, was " + time);
            }
            this.minimumTimeAway = time;
            return this;
        }

        public FailoverPolicy build() {
            return new FailoverPolicy(this);
        }
    }
}
