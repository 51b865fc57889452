package dev.logverdict.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (Space-Saving: a miss replaces the least counted
 * slot, whose count it inherits). Exact while there are at most {@code k} distinct values; beyond that
 * the heavy hitters are still found and their counts are upper bounds.
 */
public final class TopN {

    /** A counted value. */
    public record Entry(String value, long count) {
    }

    private final long[] hashes;
    private final long[] counts;
    private final String[] values;
    private int used;

    TopN(int k) {
        hashes = new long[k];
        counts = new long[k];
        values = new String[k];
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
        if (used < hashes.length) {
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
        return entries;
    }
}
