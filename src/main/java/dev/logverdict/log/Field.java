package dev.logverdict.log;

import java.nio.charset.StandardCharsets;

/** A slice of bytes: usually of the line itself, for JSON lines a decoded copy. Reused line after line. */
public final class Field {

    byte[] bytes;
    int from;
    int to;

    void set(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    void set(String value) {
        byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
        set(encoded, 0, encoded.length);
    }

    void clear() {
        bytes = null;
        from = to = 0;
    }

    /** Present and not the log's "no value" marker '-'. */
    public boolean isPresent() {
        // A cleared field has from == to; small enough for the client JIT to inline at every use.
        int length = to - from;
        return length > 1 || length == 1 && bytes[from] != '-';
    }

    public byte[] bytes() {
        return bytes;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public int length() {
        return to - from;
    }

    public String asString() {
        return bytes == null ? null : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
