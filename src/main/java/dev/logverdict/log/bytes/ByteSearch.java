package dev.logverdict.log.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Finds bytes eight at a time (SWAR: one 8-byte load, a handful of ALU operations per word): every line is
 * searched for its newline, its spaces and its quotes, and a byte-by-byte loop there was the scan's largest
 * cost under both JITs.
 * <p>
 * The words are read with {@code sun.misc.Unsafe} where the JDK allows it without a warning (before 24):
 * through a VarHandle, the client JIT Lambda runs with spends more than twice as long per word, on checks
 * the server JIT folds away (docs/performance.md, "Limits of these figures"). Every read is of a range checked against
 * the array first: {@link #word} checks its eight bytes, a search its whole range before the loop, whose
 * bounds keep each word inside it, and {@link SipHash} a value's range before it reads its words. Elsewhere
 * (JDK 24 on, a native image, or the JVM started with {@code -Ddev.logverdict.safeReads=true}) the VarHandle
 * reads.
 */
public final class ByteSearch {

    /** The JVM system property that turns the unsafe reads off. */
    static final String SAFE_READS = "dev.logverdict.safeReads";

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long BYTES_BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /**
     * The unsafe reader, or null where it warns (JDK 24 on, JEP 498), is not there, the JVM was started
     * with {@code -D}{@value #SAFE_READS}{@code =true}, in a native image (there the array offsets are the
     * image's, and its compiler reads through the VarHandle as fast), or on a big-endian processor (its
     * words would need their bytes swapped; Lambda runs x86-64 and arm64).
     */
    private static sun.misc.Unsafe unsafe() {
        if (Runtime.version().feature() >= 24
                || Boolean.getBoolean(SAFE_READS)
                || System.getProperty("org.graalvm.nativeimage.imagecode") != null
                || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return null;
        }
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
            return unsafe.arrayIndexScale(byte[].class) == 1 ? unsafe : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether words are read with {@code sun.misc.Unsafe}, for tests that must run both ways. */
    static boolean readsUnsafe() {
        return UNSAFE != null;
    }

    /** The eight bytes at {@code at}, little-endian: the first byte in the low bits. */
    public static long word(byte[] b, int at) {
        Objects.checkFromIndexSize(at, 8, b.length);
        return wordInCheckedRange(b, at);
    }

    /**
     * {@link #word} without a check: only for {@code [at, at + 8)} inside a range the caller has already
     * checked against {@code b}, as the searches here do once per search and {@link SipHash} once per value
     * (a check per word was a tenth of hashing's cost under the client JIT). Under 35 bytes of bytecode, so
     * the client JIT inlines it.
     */
    public static long wordInCheckedRange(byte[] b, int at) {
        return UNSAFE == null ? (long) LONGS.get(b, at) : UNSAFE.getLong(b, BYTES_BASE + at);
    }

    /** Writes a little-endian word at {@code b[at, at + 8)}, checked: for the rare writes, not per byte read. */
    public static void putWord(byte[] b, int at, long value) {
        LONGS.set(b, at, value);
    }

    /** A word with {@code value} in every byte, for {@link #indexOf(byte[], int, int, byte, long)}. */
    public static long broadcast(byte value) {
        return (value & 0xFFL) * ONES;
    }

    /**
     * Where in {@code word} the first byte {@code pattern} is made of is (0 to 7), or 8: small enough for
     * the client JIT to inline, so a short token is found without a call.
     */
    public static int indexIn(long word, long pattern) {
        long found = zeroBytes(word ^ pattern);
        return found == 0 ? 8 : firstMarked(found);
    }

    /** Index of the first {@code wanted} in {@code [from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte wanted) {
        return indexOf(b, from, to, wanted, broadcast(wanted));
    }

    public static int indexOf(byte[] b, int from, int to, byte wanted, long pattern) {
        // Every load below is inside [from, to): written as i <= to - 16, the bound cannot overflow.
        Objects.checkFromToIndex(from, to, b.length);
        int i = from;
        // Two words a turn: the client JIT does not unroll loops, and half the turns is half the loop overhead.
        for (; i <= to - 16; i += 16) {
            long first = zeroBytes(wordInCheckedRange(b, i) ^ pattern);
            long second = zeroBytes(wordInCheckedRange(b, i + 8) ^ pattern);
            if ((first | second) != 0) {
                return first != 0 ? i + firstMarked(first) : i + 8 + firstMarked(second);
            }
        }
        for (; i <= to - 8; i += 8) {
            long found = zeroBytes(wordInCheckedRange(b, i) ^ pattern);
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
