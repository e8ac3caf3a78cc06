package dev.justsaying.localaws;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The faults injected into the endpoints of one part of the local cloud (a region's SQS and SNS, or DynamoDB),
 * so failover and reliability tests can break things on purpose and mend them again.
 *
 * <p>Three faults, which combine: an <em>outage</em> (connections refused, open connections dropped), added
 * <em>latency</em> before each request reaches the service, and an <em>error rate</em> (that share of requests
 * answered with an AWS-shaped 500 instead of reaching the service). {@link #restore()} clears them all.
 */
public final class Faults {

    private final String scope;
    private final List<Consumer<Faults>> outageListeners = new CopyOnWriteArrayList<>();
    private volatile boolean outage;
    private volatile Duration latency = Duration.ZERO;
    private volatile double errorRate;

    Faults(String scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** What these faults apply to, e.g. {@code eu-west-1} or {@code dynamodb}. */
    public String scope() {
        return scope;
    }

    /** Refuses new connections and drops open ones until {@link #restore()}. */
    public Faults outage() {
        outage = true;
        outageListeners.forEach(listener -> listener.accept(this));
        return this;
    }

    /** Delays every request by {@code delay} before the service sees it. */
    public Faults latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + delay);
        }
        latency = delay;
        return this;
    }

    /** Answers this share of requests (0.0 to 1.0) with an AWS-shaped {@code 500 InternalFailure}. */
    public Faults errorRate(double share) {
        if (!(share >= 0.0 && share <= 1.0)) {
            throw new IllegalArgumentException("error rate must be between 0.0 and 1.0, was " + share);
        }
        errorRate = share;
        return this;
    }

    /** Clears every fault: connections are accepted again, no latency, no injected errors. */
    public Faults restore() {
        boolean wasDown = outage;
        latency = Duration.ZERO;
        errorRate = 0.0;
        outage = false;
        if (wasDown) {
            outageListeners.forEach(listener -> listener.accept(this));
        }
        return this;
    }

    /** Whether connections are being refused. */
    public boolean isOutage() {
        return outage;
    }

    /** The latency currently added to each request. */
    public Duration currentLatency() {
        return latency;
    }

    /** The share of requests currently answered with an injected error. */
    public double currentErrorRate() {
        return errorRate;
    }

    /** Draws whether the next request gets an injected error. */
    boolean nextRequestFails() {
        double share = errorRate;
        return share > 0.0 && (share >= 1.0 || ThreadLocalRandom.current().nextDouble() < share);
    }

    /** Endpoints register here to open or close their listening socket when an outage starts or ends. */
    void onOutageChange(Consumer<Faults> listener) {
        outageListeners.add(listener);
    }

    @Override
    public String toString() {
        return "Faults[" + scope + ": outage=" + outage + ", latency=" + latency + ", errorRate=" + errorRate + "]";
    }
}
