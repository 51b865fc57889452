package dev.logverdict.log;

import java.nio.charset.StandardCharsets;

/**
 * Shares the text of paths and user agents between clients: thousands of IPs asking for "/" hold one
 * string. Open addressing on the 64-bit hash of the bytes; bounded, past the cap new texts are still
 * returned, just not shared.
 */
final class StringTable {

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

    /** @param hash non-zero hash of {@code bytes[from, to)} */
    String get(long hash, byte[] bytes, int from, int to) {
        // Keys alone decide the probe (0 = empty; hashes are never 0), so a lookup reads one array until it hits.
        int slot = slotOf(hash);
        for (long key = keys[slot]; key != 0; key = keys[slot]) {
            if (key == hash) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String text = textOf(bytes, from, Math.min(to, from + maxLength));
        if (size < capacity) {
            keys[slot] = hash;
            values[slot] = text;
            size++;
        }
        return text;
    }

    /** Reads the key slot {@code hash} starts at, for a read-ahead (see {@link ClientStore#prefetch}). */
    long touch(long hash) {
        return keys[slotOf(hash)];
    }

    private int slotOf(long hash) {
        return (int) (hash ^ (hash >>> 32)) & mask;
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
