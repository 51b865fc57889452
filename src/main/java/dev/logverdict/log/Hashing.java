package dev.logverdict.log;

/** A fast 64-bit hash of a byte range, used to count paths and user agents without making strings. */
final class Hashing {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    static long hash(byte[] b, int from, int to) {
        long h = 0x2545F4914F6CDD1DL ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = ByteSearch.word(b, i);
            h = Long.rotateLeft(h ^ word * MULTIPLIER, 29) * MULTIPLIER;
        }
        for (; i < to; i++) {
            h = Long.rotateLeft(h ^ (b[i] & 0xFFL) * MULTIPLIER, 23) * MULTIPLIER;
        }
        return h ^ (h >>> 32);
    }
}
