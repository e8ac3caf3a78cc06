package dev.justsaying.handle.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an attempt to acquire a key found: the key is ours now (with its {@link Lease}), another consumer holds it
 * (and for how much longer), or the work behind it is already done.
 */
public final class LockAttempt {

    /** The three things an attempt can find. */
    public enum Outcome {
        /** The key is ours until the lease runs out. */
        ACQUIRED,
        /** Another consumer holds the key and has not finished. */
        HELD_BY_ANOTHER,
        /** The work behind the key is done. */
        ALREADY_COMPLETED
    }

    private static final LockAttempt ALREADY_COMPLETED = new LockAttempt(Outcome.ALREADY_COMPLETED, null, null);

    private final Outcome outcome;
    private final Lease lease;
    private final Duration heldFor;

    private LockAttempt(Outcome outcome, Lease lease, Duration heldFor) {
        this.outcome = outcome;
        this.lease = lease;
        this.heldFor = heldFor;
    }

    public static LockAttempt acquired(Lease lease) {
        return new LockAttempt(Outcome.ACQUIRED, Objects.requireNonNull(lease, "lease"), null);
    }

    /** Another consumer holds the key for {@code heldFor} more, unless it finishes or gives it back sooner. */
    public static LockAttempt heldByAnother(Duration heldFor) {
        Objects.requireNonNull(heldFor, "heldFor");
        return new LockAttempt(Outcome.HELD_BY_ANOTHER, null, heldFor.isNegative() ? Duration.ZERO : heldFor);
    }

    public static LockAttempt alreadyCompleted() {
        return ALREADY_COMPLETED;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The lease, when the key was acquired. */
    public Optional<Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** How much longer another consumer holds the key, when it does. */
    public Optional<Duration> heldFor() {
        return Optional.ofNullable(heldFor);
    }

    @Override
    public String toString() {
        return switch (outcome) {
            case ACQUIRED -> "acquired " + lease.key();
            case HELD_BY_ANOTHER -> "held by another for " + heldFor;
            case ALREADY_COMPLETED -> "already completed";
        };
    }
}
