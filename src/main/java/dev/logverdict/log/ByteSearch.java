package dev.logverdict.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time (SWAR: one 8-byte load, a handful of ALU operations per word): every line is
 * searched for its newline, its spaces and its quotes, and a byte-by-byte loop there was the scan's largest
 * cost under both JITs.
 */
final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The eight bytes at {@code at}, little-endian: the first byte in the low bits. */
    static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** A word with {@code value} in every byte, for {@link #indexOf(byte[], int, int, byte, long)}. */
    static long broadcast(byte value) {
        return (value & 0xFFL) * ONES;
    }

    /**
     * Where in {@code word} the first byte {@code pattern} is made of is (0 to 7), or 8: small enough for
     * the client JIT to inline, so a short token is found without a call.
     */
    static int indexIn(long word, long pattern) {
        long found = zeroBytes(word ^ pattern);
        return found == 0 ? 8 : firstMarked(found);
    }

    /** Index of the first {@code wanted} in {@code [from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte wanted) {
        return indexOf(b, from, to, wanted, broadcast(wanted));
    }

    static int indexOf(byte[] b, int from, int to, byte wanted, long pattern) {
        int i = from;
        // Two words a turn: the client JIT does not unroll loops, and half the turns is half the loop overhead.
        for (; i + 16 <= to; i += 16) {
            long first = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            long second = zeroBytes((long) LONGS.get(b, i + 8) ^ pattern);
            if ((first | second) != 0) {
                return first != 0 ? i + firstMarked(first) : i + 8 + firstMarked(second);
            }
        }
        for (; i + 8 <= to; i += 8) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + firstMarked(found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first byte in {@code [from, to)} that is {@code first} or {@code second}, or -1. */
    static int indexOfEither(byte[] b, int from, int to, byte first, long firstPattern, byte second, long secondPattern) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(b, i);
            long found = zeroBytes(word ^ firstPattern) | zeroBytes(word ^ secondPattern);
            if (found != 0) {
                return i + firstMarked(found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == first || b[i] == second) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Which byte holds the lowest high bit of {@code found} (only bits 7, 15 … 63 can be set): that bit,
     * moved to its byte's low end, is 256^k, and the multiplication writes k into the top byte. Plain
     * arithmetic, because the client JIT Lambda runs with does not turn numberOfTrailingZeros into one
     * instruction.
     */
    private static int firstMarked(long found) {
        return (int) ((((found & -found) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /**
     * The high bit of each zero byte of {@code word}, exact up to and including the lowest zero byte (a
     * borrow may mark bytes above it, never below), which is all a forward search reads.
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
