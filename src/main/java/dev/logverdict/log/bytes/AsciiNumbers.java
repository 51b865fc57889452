package dev.logverdict.log.bytes;

/** Byte-level number parsing shared by the formats. */
public final class AsciiNumbers {

    public static final long INVALID = Long.MIN_VALUE;

    private AsciiNumbers() {}

    /** Three-digit HTTP status 100..599, or -1. */
    public static int status(byte[] b, int from, int to) {
        if (to - from != 3) {
            return -1;
        }
        long value = digits(b, from, to);
        return value >= 100 && value <= 599 ? (int) value : -1;
    }

    /** A byte count: digits, or '-' for none (-1); {@link #INVALID} otherwise. */
    public static long size(byte[] b, int from, int to) {
        if (to - from == 1 && b[from] == '-') {
            return -1;
        }
        return digits(b, from, to);
    }

    /** Non-negative decimal of at most 18 digits, or {@link #INVALID}. */
    public static long digits(byte[] b, int from, int to) {
        if (to <= from || to - from > 18) {
            return INVALID;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return INVALID;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }
}
