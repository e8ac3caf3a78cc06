package dev.justsaying.restaurantstatus.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The API keys of {@code restaurant-status.api-keys} and the one check of an {@code Authorization: Bearer <key>}
 * header against them, in constant time: every key is compared, with no early exit to time. Used by the
 * {@link WriteGuard} and by the dashboard's guarded reads.
 */
public final class ApiKeys {

    private static final String BEARER = "Bearer ";

    private final List<byte[]> keys;

    public ApiKeys(List<String> keys) {
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether this {@code Authorization} header value (null if absent) carries one of the keys. */
    public boolean authorize(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith(BEARER)) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, presented);
        }
        return match;
    }
}
