package dev.justsaying.wire;

import dev.justsaying.wire.MalformedMessageException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code gzip,base64} content encoding of JustSaying: base64(gzip(UTF-8 text)), standard padded base64.
 */
final class GzipBase64 {

    /** Decompressed bodies beyond this are refused, so a tiny "gzip bomb" cannot exhaust the heap. */
    static final int MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

    private GzipBase64() {
    }

    static String encode(String text) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip to memory failed", e);
        }
        return Base64Text.encode(compressed.toByteArray());
    }

    static String decode(String encoded) {
        return decode(encoded, MAX_DECOMPRESSED_BYTES);
    }

    static String decode(String encoded, int maxDecompressedBytes) {
        byte[] compressed;
        try {
            compressed = Base64Text.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(Reason.INVALID_COMPRESSION,
                    "body marked " + WireAttributes.GZIP_BASE64 + " is not valid base64: " + e.getMessage(), e);
        }
        byte[] text = gunzip(compressed, maxDecompressedBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(Reason.INVALID_COMPRESSION,
                    "decompressed body is not valid UTF-8", e);
        }
    }

    private static byte[] gunzip(byte[] compressed, int maxDecompressedBytes) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] text = gzip.readNBytes(maxDecompressedBytes);
            if (gzip.read() != -1) {
                throw new MalformedMessageException(Reason.INVALID_COMPRESSION,
                        "decompressed body exceeds " + maxDecompressedBytes + " bytes");
            }
            return text;
        } catch (IOException e) {
            throw new MalformedMessageException(Reason.INVALID_COMPRESSION,
                    "body marked " + WireAttributes.GZIP_BASE64 + " is not valid gzip: " + e.getMessage(), e);
        }
    }
}
