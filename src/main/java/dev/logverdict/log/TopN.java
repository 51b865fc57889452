package dev.logverdict.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (Space-Saving: a miss replaces the least counted
 * slot, whose count it inherits). Exact while there are at most twice {@code shown} distinct values;
 * beyond that a value with more than 1/(2·shown) of the stream is never lost, and counts are upper bounds.
 * Each slot is one long: a 36-bit hash of the value's bytes and a 28-bit count (saturating), so a lookup
 * touches one small array; 100 k clients × two lists must fit a Lambda's memory.
 */
public final class TopN {

    /** A counted value. */
    public record Entry(String value, long count) {
    }

    private static final int COUNT_BITS = 28;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long HASH_MASK = ~COUNT_MASK;

    private final int shown;
    private final int capacity;
    private long[] slots = new long[2];
    private String[] values = new String[2];
    private int used;
    private int lastHit;

    TopN(int shown) {
        this.shown = shown;
        this.capacity = shown * 2;
    }

    void add(long hash, Field field, int to, StringTable strings) {
        long key = hash & HASH_MASK;
        long[] s = slots;
        if (used > 0 && (s[lastHit] & HASH_MASK) == key) {
            increment(lastHit);
            return;
        }
        for (int i = 0; i < used; i++) {
            if ((s[i] & HASH_MASK) == key) {
                increment(i);
                lastHit = i;
                return;
            }
        }
        int slot;
        long inherited = 0;
        if (used < capacity) {
            if (used == values.length) {
                // Most clients ask for a handful of paths: grow on demand instead of reserving the maximum.
                int grown = Math.min(capacity, used * 2);
                slots = Arrays.copyOf(slots, grown);
                values = Arrays.copyOf(values, grown);
            }
            slot = used++;
        } else {
            slot = 0;
            for (int i = 1; i < used; i++) {
                if ((slots[i] & COUNT_MASK) < (slots[slot] & COUNT_MASK)) {
                    slot = i;
                }
            }
            inherited = slots[slot] & COUNT_MASK;
        }
        slots[slot] = key | Math.min(COUNT_MASK, inherited + 1);
        values[slot] = strings.get(hash, field, to);
        lastHit = slot;
    }

    private void increment(int slot) {
        if ((slots[slot] & COUNT_MASK) != COUNT_MASK) {
            slots[slot]++;
        }
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            entries.add(new Entry(values[i], slots[i] & COUNT_MASK));
        }
        entries.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return entries.size() > shown ? List.copyOf(entries.subList(0, shown)) : entries;
    }
}
