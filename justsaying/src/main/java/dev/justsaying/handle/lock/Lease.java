package dev.justsaying.handle.lock;

import java.util.Objects;
import java.util.UUID;

/**
 * Proof of one acquisition of a key: the key and a token unique to that acquisition, so that a consumer whose time
 * ran out cannot release the key from under the consumer that took it next.
 *
 * @param key   the key acquired
 * @param owner the token of this acquisition
 */
public record Lease(String key, String owner) {

    public Lease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
    }

    /** A lease on {@code key} with a new random token, for a {@link MessageLock} that has just acquired it. */
    public static Lease newLeaseOn(String key) {
        return new Lease(key, UUID.randomUUID().toString());
    }
}
