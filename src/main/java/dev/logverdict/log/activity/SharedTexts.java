package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.Excerpts;
import dev.logverdict.log.bytes.SipHash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares the text of paths and user agents between clients: thousands of IPs asking for "/" hold one
 * string. Open addressing on the text's {@link SipHash}, keyed for each scan so that no one can choose
 * texts that collide; bounded in texts and in the slots a search visits: past either bound a text is not
 * shared. A text is known by its hash, not compared: the comparison would read a random place in
 * megabytes on every top-N miss, and a top-N slot already knows its text by part of the same hash.
 * <p>
 * A text in the table is also found by its {@linkplain #key key} alone, the part of the hash a top-N slot
 * keeps, so a slot needs no reference to its text: counting a request then writes nothing outside the
 * client's record (see {@link TopN}). Two texts can share a key: the first in the table is found by it,
 * and the later one is not {@linkplain #share shared}.
 */
final class SharedTexts {

    /** The bits of a hash a top-N slot keeps and the table finds a text by. */
    static final long KEY_MASK = -1L << 28;

    private static final int FIRST_CHUNK_BYTES = 1 << 16;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int OFFSET_BITS = 20;
    private static final int LENGTH_BITS = 12;
    /**
     * The most slots a search for a text being counted visits. At most half the slots are ever used, so
     * under a keyed hash a run this long does not happen by chance; it caps what inputs built to collide
     * could cost per line. (A report's look-up by key, once per top-N entry, follows its run to the end.)
     */
    static final int MAX_PROBES = 64;

    /**
     * Slots a table starts with. A scan makes its tables before it reads a byte, and one sized for the
     * bound would have a small log's invocation clear megabytes, more than the JVM's young generation holds
     * (see docs/performance.md, "Start-up").
     */
    static final int FIRST_SLOTS = 1 << 10;

    private long[] keys;
    /** Per slot: where its text's bytes are, chunk << 32 | length << 20 | offset. */
    private long[] places;
    /** Per slot: its text as a string, once a report asked for it. */
    private String[] values;

    private byte[][] chunks = new byte[1][];
    private int chunk = -1;
    private int chunkUsed;
    private int mask;
    /** The most slots the table grows to: at least twice its capacity, so it is never more than half full. */
    private final int maxSlots;

    private final int capacity;
    private final int maxLength;
    private int size;

    SharedTexts(int capacity, int maxLength) {
        this.maxSlots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        this.capacity = capacity;
        this.maxLength = Math.min(maxLength, (1 << LENGTH_BITS) - 1);
        allocate(Math.min(FIRST_SLOTS, maxSlots));
    }

    private void allocate(int slots) {
        this.keys = new long[slots];
        this.places = new long[slots];
        this.values = new String[slots];
        this.mask = slots - 1;
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
        int probes = 0;
        for (long present = keys[slot]; present != 0; present = keys[slot]) {
            if (present == hash) {
                return !keyTaken;
            }
            keyTaken |= key(present) == key;
            if (++probes == MAX_PROBES) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= capacity) {
            return false;
        }
        if (size + 1 > keys.length / 2 && keys.length < maxSlots) {
            grow();
            return share(hash, bytes, from, to);
        }
        keys[slot] = hash;
        places[slot] = keep(bytes, from, Math.min(to, from + maxLength));
        size++;
        return !keyTaken;
    }

    /** The longest run of used slots: what a search can cost at most. */
    int longestRun() {
        return ClientIndex.longestRun(keys, 1, 0);
    }

    /** The text {@link #share} said the table finds by this key. */
    String byKey(long key) {
        int slot = slotOf(key);
        // Not bounded by MAX_PROBES: a text placed within it may lie further once the table has grown.
        // The table is never more than half full, so the search ends at an empty slot.
        for (; keys[slot] != 0; slot = (slot + 1) & mask) {
            long present = keys[slot];
            if (key(present) == key) {
                if (values[slot] == null) {
                    long place = places[slot];
                    int offset = (int) place & ((1 << OFFSET_BITS) - 1);
                    int length = (int) (place >>> OFFSET_BITS) & ((1 << LENGTH_BITS) - 1);
                    values[slot] = textOf(chunks[(int) (place >>> 32)], offset, offset + length);
                }
                return values[slot];
            }
        }
        throw new IllegalStateException("no text in the table has key " + Long.toHexString(key));
    }

    /**
     * Doubles the slots. Texts that share a key must stay in the order they came, as {@link #byKey} finds
     * the first: a walk that starts just past an empty slot meets every run from its start, so each key's
     * texts are moved in their order. A moved text is placed however far its run goes.
     */
    private void grow() {
        long[] oldKeys = keys;
        long[] oldPlaces = places;
        String[] oldValues = values;
        int oldMask = mask;
        allocate(oldKeys.length * 2);
        int empty = 0;
        while (oldKeys[empty] != 0) {
            empty++;
        }
        for (int step = 1; step <= oldMask + 1; step++) {
            int from = (empty + step) & oldMask;
            long hash = oldKeys[from];
            if (hash != 0) {
                int slot = slotOf(hash);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = hash;
                places[slot] = oldPlaces[from];
                values[slot] = oldValues[from];
            }
        }
    }

    /** Copies a text's bytes into the current chunk, or a new one, and returns where they are. */
    private long keep(byte[] bytes, int from, int to) {
        int length = to - from;
        if (chunk < 0 || chunkUsed + length > chunks[chunk].length) {
            chunk++;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            // 64 KB first, doubling up to 1 MB: a small log's table stays small.
            chunks[chunk] = new byte[Math.min(CHUNK_BYTES, FIRST_CHUNK_BYTES << Math.min(chunk, 4))];
            chunkUsed = 0;
        }
        System.arraycopy(bytes, from, chunks[chunk], chunkUsed, length);
        long place = (long) chunk << 32 | (long) length << OFFSET_BITS | chunkUsed;
        chunkUsed += length;
        return place;
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
