package dev.justsaying.wire;

import java.util.Base64;

/** Standard base64 as .NET's {@code Convert.FromBase64String} reads it: padded alphabet, whitespace ignored. */
final class Base64Text {

    private Base64Text() {
    }

    /**
     * Decodes standard base64, ignoring whitespace.
     *
     * @throws IllegalArgumentException if the text is not valid base64
     */
    static byte[] decode(String text) {
        return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
