package dev.logverdict.log;

import java.util.Objects;

/**
 * A fast 64-bit hash of a byte range, used to count paths and user agents without making strings. Two
 * lanes take alternate 8-byte words, so their multiplications overlap instead of waiting on each other;
 * the last partial word is read as the range's final eight bytes shifted, one step instead of up to seven.
 */
final class Hashing {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long SECOND_LANE = 0x6A09E667F3BCC909L;

    private Hashing() {
    }

    static long hash(byte[] b, int from, int to) {
        Objects.checkFromToIndex(from, to, b.length);
        int length = to - from;
        long first = 0x2545F4914F6CDD1DL ^ length;
        long second = SECOND_LANE;
        int i = from;
        for (; i <= to - 16; i += 16) {
            first = step(first, ByteSearch.wordInCheckedRange(b, i));
            second = step(second, ByteSearch.wordInCheckedRange(b, i + 8));
        }
        if (i <= to - 8) {
            first = step(first, ByteSearch.wordInCheckedRange(b, i));
            i += 8;
        }
        int rest = to - i;
        if (rest > 0) {
            long tail;
            if (length >= 8) {
                // The last eight bytes end at 'to'; the ones already hashed are shifted out.
                tail = ByteSearch.wordInCheckedRange(b, to - 8) >>> ((8 - rest) << 3);
            } else {
                tail = 0;
                for (int k = 0; k < rest; k++) {
                    tail |= (b[i + k] & 0xFFL) << (k << 3);
                }
            }
            second = step(second, tail);
        }
        long h = (first ^ Long.rotateLeft(second, 31)) * MULTIPLIER;
        return h ^ (h >>> 32);
    }

    private static long step(long lane, long word) {
        return Long.rotateLeft(lane ^ word * MULTIPLIER, 29) * MULTIPLIER;
    }
}
