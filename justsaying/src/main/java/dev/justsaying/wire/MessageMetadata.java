package dev.justsaying.wire;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The metadata that JustSaying's .NET {@code Message} base class carries with every message.
 *
 * <p>Java messages are plain records or POJOs, so this metadata travels beside them and is merged
 * into the same JSON object on the wire ({@code Id}, {@code TimeStamp}, {@code RaisingComponent},
 * {@code Version}, {@code SourceIp}, {@code Tenant}, {@code Conversation}). {@code id} and
 * {@code timeStamp} are never null; the others are null when absent.
 *
 * <p>{@code timeStamp} is held at .NET tick precision (100 ns), the most a .NET {@code DateTime} carries,
 * so a value survives a round trip through .NET unchanged.
 *
 * @param id unique id of the message; JustSaying's default {@code UniqueKey()}
 * @param timeStamp when the message was created, UTC
 * @param raisingComponent name of the component that raised the message, or null
 * @param version message version, or null (JustSaying .NET never sets it when reading)
 * @param sourceIp address of the raiser, or null (JustSaying .NET never sets it when reading)
 * @param tenant tenant the message belongs to, or null
 * @param conversation conversation (correlation) id, or null
 */
public record MessageMetadata(
        UUID id,
        Instant timeStamp,
        String raisingComponent,
        String version,
        String sourceIp,
        String tenant,
        String conversation) {

    private static final int NANOS_PER_DOTNET_TICK = 100;

    /** Validates the required fields and truncates {@code timeStamp} to .NET tick precision. */
    public MessageMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeStamp, "timeStamp");
        timeStamp = timeStamp.minusNanos(timeStamp.getNano() % NANOS_PER_DOTNET_TICK);
    }

    /** Metadata for a new message: a random {@code Id} and the current UTC time, as .NET's {@code Message()} does. */
    public static MessageMetadata newMessage() {
        return newMessage(Clock.systemUTC());
    }

    /** Metadata for a new message with a random {@code Id} and the time of {@code clock}. */
    public static MessageMetadata newMessage(Clock clock) {
        return new MessageMetadata(newId(), clock.instant(), null, null, null, null, null);
    }

    /**
     * A random (version 4) UUID for a message {@code Id}, drawn from {@link ThreadLocalRandom}: ids must be unique,
     * not unpredictable, and {@link UUID#randomUUID()}'s SecureRandom costs every published message a shared, locked
     * read of the system's entropy source.
     */
    static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;                       // version 4
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;  // IETF variant
        return new UUID(mostSignificant, leastSignificant);
    }

    /** A copy with the given raising component. */
    public MessageMetadata withRaisingComponent(String value) {
        return new MessageMetadata(id, timeStamp, value, version, sourceIp, tenant, conversation);
    }

    /** A copy with the given version. */
    public MessageMetadata withVersion(String value) {
        return new MessageMetadata(id, timeStamp, raisingComponent, value, sourceIp, tenant, conversation);
    }

    /** A copy with the given source IP. */
    public MessageMetadata withSourceIp(String value) {
        return new MessageMetadata(id, timeStamp, raisingComponent, version, value, tenant, conversation);
    }

    /** A copy with the given tenant. */
    public MessageMetadata withTenant(String value) {
        return new MessageMetadata(id, timeStamp, raisingComponent, version, sourceIp, value, conversation);
    }

    /** A copy with the given conversation id. */
    public MessageMetadata withConversation(String value) {
        return new MessageMetadata(id, timeStamp, raisingComponent, version, sourceIp, tenant, value);
    }
}
