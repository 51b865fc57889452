package dev.logverdict.log.bytes;

import java.nio.charset.StandardCharsets;

/** A slice of bytes: usually of the line itself, for JSON lines a decoded copy. Reused line after line. */
public final class ByteSlice {

    public byte[] bytes;
    public int from;
    public int to;

    public void set(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    public void set(String value) {
        byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
        set(encoded, 0, encoded.length);
    }

    public void clear() {
        bytes = null;
        from = to = 0;
    }

    /** Present and not the log's "no value" marker '-'. */
    public boolean isPresent() {
        // In two parts of 26 and 31 bytes of bytecode, which the client JIT inlines at every use (checked with
        // -XX:+PrintInlining); as one method of 40 bytes it was a call, for several fields of every line.
        return to - from > 1 || isOneByteOtherThanDash();
    }

    /** Only for a field of at most one byte (a cleared one has from == to). */
    private boolean isOneByteOtherThanDash() {
        return from < to && bytes[from] != '-';
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
