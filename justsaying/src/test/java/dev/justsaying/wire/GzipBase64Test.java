package dev.justsaying.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.wire.MalformedMessageException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipBase64Test {

    @Test
    void textRoundTripsIncludingNonAscii() {
        String text = "{\"CustomerName\":\"Zoë 🍕 Łódź\"}";

        assertThat(GzipBase64.decode(GzipBase64.encode(text))).isEqualTo(text);
    }

    @Test
    void theEncodingIsStandardBase64OfAGzipStream() {
        byte[] compressed = Base64Text.decode(GzipBase64.encode("{}"));

        assertThat(compressed[0] & 0xFF).isEqualTo(0x1F);
        assertThat(compressed[1] & 0xFF).isEqualTo(0x8B);
    }

    @Test
    void base64WithLineBreaksIsAcceptedAsDotNetAccepts() {
        String encoded = GzipBase64.encode("{\"a\":1}");
        String wrapped = encoded.substring(0, 10) + "\r\n" + encoded.substring(10);

        assertThat(GzipBase64.decode(wrapped)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aBodyThatExpandsBeyondTheLimitIsRefused() {
        String huge = "0".repeat(10_000);

        assertThatThrownBy(() -> GzipBase64.decode(GzipBase64.encode(huge), 9_999))
                .isInstanceOfSatisfying(MalformedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_COMPRESSION))
                .hasMessageContaining("exceeds 9999 bytes");
        assertThat(GzipBase64.decode(GzipBase64.encode(huge), 10_000)).isEqualTo(huge);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        }

        assertThatThrownBy(() -> GzipBase64.decode(Base64Text.encode(out.toByteArray())))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not valid UTF-8");
    }
}
