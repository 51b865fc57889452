package dev.logverdict.log.bytes;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns attacker-written bytes into short text that is safe to show: invalid UTF-8 becomes U+FFFD and
 * control characters (ANSI escapes, CR, NUL — the tools of log forging) become visible {@code \xNN}.
 */
public final class Excerpts {

    private Excerpts() {}

    public static String of(byte[] bytes, int from, int to, int maxChars) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        int length = Math.min(to - from, maxChars * 4);
        CharBuffer decoded = CharBuffer.allocate(length + 1);
        decoder.decode(ByteBuffer.wrap(bytes, from, length), decoded, true);
        decoder.flush(decoded);
        decoded.flip();
        StringBuilder text = new StringBuilder(Math.min(decoded.length(), maxChars) + 8);
        int written = 0;
        while (decoded.hasRemaining() && written < maxChars) {
            char c = decoded.get();
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(c);
            }
            written++;
        }
        if (decoded.hasRemaining() || length < to - from) {
            text.append('…');
        }
        return text.toString();
    }

    public static String of(byte[] bytes, int from, int to) {
        return of(bytes, from, to, 160);
    }
}
