package dev.justsaying.localaws.sns;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for message, request and subscription ids, drawn from {@link ThreadLocalRandom}: they only
 * need to be unique, not unguessable, and {@link UUID#randomUUID()} would contend on a shared secure random.
 */
final class Ids {

    private Ids() {
    }

    static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = random.nextLong() & ~0xF000L | 0x4000L;
        long leastSignificant = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
