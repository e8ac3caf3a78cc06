package dev.justsaying.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageMetadataTest {

    private static final Instant NOW = Instant.parse("2024-03-01T10:15:30.123456789Z");

    @Test
    void aNewMessageGetsARandomIdAndTheCurrentTime() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        MessageMetadata first = MessageMetadata.newMessage(clock);
        MessageMetadata second = MessageMetadata.newMessage(clock);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.timeStamp()).isEqualTo(Instant.parse("2024-03-01T10:15:30.1234567Z"));
        assertThat(first.raisingComponent()).isNull();
        assertThat(first.version()).isNull();
        assertThat(first.sourceIp()).isNull();
        assertThat(first.tenant()).isNull();
        assertThat(first.conversation()).isNull();
    }

    @Test
    void newIdsAreVersion4UuidsAndDistinct() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = MessageMetadata.newId();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void theTimeStampIsKeptAtDotNetTickPrecision() {
        MessageMetadata metadata = new MessageMetadata(UUID.randomUUID(), NOW, null, null, null, null, null);

        assertThat(metadata.timeStamp().getNano()).isEqualTo(123_456_700);
    }

    @Test
    void idAndTimeStampAreRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new MessageMetadata(null, NOW, null, null, null, null, null))
                .withMessage("id");
        assertThatNullPointerException()
                .isThrownBy(() -> new MessageMetadata(UUID.randomUUID(), null, null, null, null, null, null))
                .withMessage("timeStamp");
    }

    @Test
    void withersChangeOneFieldAndKeepTheRest() {
        MessageMetadata original = MessageMetadata.newMessage();

        MessageMetadata changed = original.withRaisingComponent("api").withVersion("2").withSourceIp("10.0.0.1")
                .withTenant("uk").withConversation("c-1");

        assertThat(changed).isEqualTo(new MessageMetadata(
                original.id(), original.timeStamp(), "api", "2", "10.0.0.1", "uk", "c-1"));
        assertThat(original.tenant()).isNull();
    }
}
