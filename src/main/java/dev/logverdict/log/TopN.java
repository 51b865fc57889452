package dev.logverdict.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (Space-Saving: a miss replaces the least counted
 * slot, whose count it inherits). Exact while there are at most {@code k} distinct values; beyond that
 * the heavy hitters are still found and their counts are upper bounds. Values are told apart by a 64-bit
 * hash of their bytes.
 */
public final class TopN {

    /** A counted value. */
    public record Entry(String value, long count) {
    }

    private final int shown;
    private final int capacity;
    private long[] hashes = new long[2];
    private long[] counts = new long[2];
    private String[] values = new String[2];
    private int used;

    /**
     * @param shown how many entries {@link #entries()} returns; four times as many are tracked, so a value
     *              with more than a quarter-of-k-th of the traffic is never lost among one-off values
     */
    TopN(int shown) {
        this.shown = shown;
        this.capacity = shown * 4;
    }

    void add(long hash, Field field, int to, StringTable strings) {
        for (int i = 0; i < used; i++) {
            if (hashes[i] == hash) {
                counts[i]++;
                return;
            }
        }
        int slot;
        long inherited = 0;
        if (used < capacity) {
            if (used == hashes.length) {
                // Most clients ask for a handful of paths: grow on demand instead of reserving the maximum.
                int grown = Math.min(capacity, used * 2);
                hashes = java.util.Arrays.copyOf(hashes, grown);
                counts = java.util.Arrays.copyOf(counts, grown);
                values = java.util.Arrays.copyOf(values, grown);
            }
            slot = used++;
        } else {
            slot = 0;
            for (int i = 1; i < used; i++) {
                if (counts[i] < counts[slot]) {
                    slot = i;
                }
            }
            inherited = counts[slot];
        }
        hashes[slot] = hash;
        counts[slot] = inherited + 1;
        values[slot] = strings.get(hash, field, to);
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            entries.add(new Entry(values[i], counts[i]));
        }
        entries.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return entries.size() > shown ? List.copyOf(entries.subList(0, shown)) : entries;
    }
}
