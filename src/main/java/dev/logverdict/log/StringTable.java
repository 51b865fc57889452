package dev.logverdict.log;

import java.nio.charset.StandardCharsets;

/**
 * Shares the text of paths and user agents between clients: thousands of IPs asking for "/" hold one
 * string. Open addressing on the 64-bit hash of the bytes; bounded, past the cap texts are not shared.
 * <p>
 * A text in the table is also found by its {@linkplain #key key} alone, the part of the hash a top-N slot
 * keeps, so a slot needs no reference to its text: counting a request then writes nothing outside the
 * client's record (see {@link TopN}). Two texts can share a key: the first in the table is found by it,
 * and the later one is not {@linkplain #share shared}.
 */
final class StringTable {

    /** The bits of a hash a top-N slot keeps and the table finds a text by. */
    static final long KEY_MASK = -1L << 28;

    private final long[] keys;
    private final String[] values;
    private final int mask;
    private final int capacity;
    private final int maxLength;
    private int size;

    StringTable(int capacity, int maxLength) {
        int slots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        this.keys = new long[slots];
        this.values = new String[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        this.maxLength = maxLength;
    }

    static long key(long hash) {
        return hash & KEY_MASK;
    }

    /**
     * Puts the text in the table unless it is there or the table is full; returns whether {@link #byKey}
     * finds it from now on.
     *
     * @param hash non-zero hash of {@code bytes[from, to)}
     */
    boolean share(long hash, byte[] bytes, int from, int to) {
        long key = key(hash);
        boolean keyTaken = false;
        // The slot depends on the key alone, so texts with one key are in one run of slots, in the order
        // they came (nothing is ever removed): the first one met is the one the key finds.
        int slot = slotOf(hash);
        for (long present = keys[slot]; present != 0; present = keys[slot]) {
            if (present == hash) {
                return !keyTaken;
            }
            keyTaken |= key(present) == key;
            slot = (slot + 1) & mask;
        }
        if (size >= capacity) {
            return false;
        }
        keys[slot] = hash;
        values[slot] = textOf(bytes, from, Math.min(to, from + maxLength));
        size++;
        return !keyTaken;
    }

    /** The text {@link #share} said the table finds by this key. */
    String byKey(long key) {
        int slot = slotOf(key);
        for (long present = keys[slot]; present != 0; present = keys[slot]) {
            if (key(present) == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        throw new IllegalStateException("no text in the table has key " + Long.toHexString(key));
    }

    /** The text of these bytes, as the table would keep it, for a text it does not share. */
    String text(byte[] bytes, int from, int to) {
        return textOf(bytes, from, Math.min(to, from + maxLength));
    }

    /** Reads the key slot {@code hash} starts at, for a read-ahead (see {@link ClientStore#prefetch}). */
    long touch(long hash) {
        return keys[slotOf(hash)];
    }

    private int slotOf(long hash) {
        long key = hash >>> 28;
        return (int) (key ^ (key >>> 29)) & mask;
    }

    private String textOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0x20 || b[i] == 0x7F) {
                return Excerpts.of(b, from, to, maxLength);
            }
        }
        // Printable ASCII or UTF-8 without control characters: decode directly; invalid bytes become U+FFFD.
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
