package dev.logverdict.log.format;

import dev.logverdict.log.bytes.ByteSearch;
import dev.logverdict.log.bytes.ByteSlice;

/**
 * Splits a line into space-separated tokens the way web servers write them: bare words, "quoted strings"
 * (backslash escapes honoured) and [bracketed] times. Offsets exclude the quotes and brackets. One
 * instance is reused for every line.
 */
public final class Tokens {

    static final byte BARE = 0;
    static final byte QUOTED = 1;
    static final byte BRACKETED = 2;

    private static final int MAX_TOKENS = 48;
    private static final long QUOTES = ByteSearch.broadcast((byte) '"');
    private static final long SPACES = ByteSearch.broadcast((byte) ' ');

    final int[] start = new int[MAX_TOKENS];
    final int[] end = new int[MAX_TOKENS];
    final byte[] kind = new byte[MAX_TOKENS];
    int count;
    /** A quote or bracket was opened and never closed: the line was cut or is not this shape. */
    boolean unterminated;

    byte[] line;

    /** Tokenises up to {@code maxTokens} tokens; the rest of the line is left alone. */
    void split(byte[] b, int from, int to, int maxTokens) {
        line = b;
        count = 0;
        unterminated = false;
        int limit = Math.min(maxTokens, MAX_TOKENS);
        int i = from;
        while (i < to && count < limit) {
            byte c = b[i];
            byte tokenKind;
            int tokenStart = i + 1;
            int tokenEnd;
            if (c == '"') {
                int close = closingQuote(b, i + 1, to);
                tokenKind = QUOTED;
                tokenEnd = close < 0 ? to : close;
                i = close < 0 ? -1 : close + 1;
            } else if (c == '[') {
                // The common log time is 26 bytes: check there first, scan only otherwise.
                int close = i + 27 < to && b[i + 27] == ']' ? i + 27 : indexOf(b, i + 1, to, (byte) ']');
                tokenKind = BRACKETED;
                tokenEnd = close < 0 ? to : close;
                i = close < 0 ? -1 : close + 1;
            } else {
                // Most bare tokens ("-", a status, a size) end within eight bytes: look there first, inline.
                int inWord = i <= to - 8 ? ByteSearch.indexIn(ByteSearch.word(b, i), SPACES) : 8;
                int space = inWord < 8 ? i + inWord : ByteSearch.indexOf(b, i, to, (byte) ' ', SPACES);
                tokenKind = BARE;
                tokenStart = i;
                tokenEnd = space < 0 ? to : space;
                i = tokenEnd;
            }
            // Stored here rather than in a helper: nine tokens a line, and a call each under the client JIT.
            int at = count++;
            kind[at] = tokenKind;
            start[at] = tokenStart;
            end[at] = tokenEnd;
            if (i < 0) {
                unterminated = true;
                return;
            }
            if (i < to) {
                if (b[i] != ' ') {
                    // A closing quote glued to the next token: not a shape any server writes.
                    unterminated = true;
                    return;
                }
                i++;
            }
        }
    }

    boolean is(int index, byte tokenKind) {
        return index < count && kind[index] == tokenKind;
    }

    int length(int index) {
        return end[index] - start[index];
    }

    void copyTo(int index, ByteSlice field) {
        field.set(line, start[index], end[index]);
    }

    public static int closingQuote(byte[] b, int from, int to) {
        int i = from;
        while (true) {
            int quote = ByteSearch.indexOf(b, i, to, (byte) '"', QUOTES);
            if (quote < 0) {
                return -1;
            }
            // A backslash escapes the byte after it, so a quote closes the field when the run of
            // backslashes right before it is even: the bytes before that run cannot change its parity.
            int backslashes = 0;
            while (quote - backslashes - 1 >= from && b[quote - backslashes - 1] == '\\') {
                backslashes++;
            }
            if ((backslashes & 1) == 0) {
                return quote;
            }
            i = quote + 1;
        }
    }

    public static int indexOf(byte[] b, int from, int to, byte wanted) {
        return ByteSearch.indexOf(b, from, to, wanted);
    }

    static int lastIndexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
