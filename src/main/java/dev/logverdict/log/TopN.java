package dev.logverdict.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (Space-Saving: a miss replaces the least counted
 * slot, whose count it inherits). Exact while there are at most twice {@code shown} distinct values;
 * beyond that a value with more than 1/(2·shown) of the stream is never lost, and counts are upper bounds.
 * The slots live inside a client's record in {@link ClientStore}: each is one long, a 36-bit hash of the
 * value's bytes and a 28-bit count (saturating, never 0 once used), so a lookup reads a few adjacent words;
 * the value's text is fetched only when it takes a slot.
 */
public final class TopN {

    /** A counted value. */
    public record Entry(String value, long count) {
    }

    private static final int COUNT_BITS = 28;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long HASH_MASK = ~COUNT_MASK;

    private TopN() {
    }

    /**
     * Counts one value in the {@code capacity} slots at {@code slots[at…]}, whose texts are at
     * {@code texts[textAt…]}.
     */
    static void add(long[] slots, int at, int capacity, Object[] texts, int textAt,
                    long hash, byte[] bytes, int from, int to, StringTable strings) {
        long key = hash & HASH_MASK;
        int end = at + capacity;
        int least = at;
        for (int i = at; i < end; i++) {
            long slot = slots[i];
            if (slot == 0) {
                slots[i] = key | 1;
                texts[textAt + i - at] = strings.get(hash, bytes, from, to);
                return;
            }
            if ((slot & HASH_MASK) == key) {
                if ((slot & COUNT_MASK) != COUNT_MASK) {
                    slots[i] = slot + 1;
                }
                return;
            }
            if ((slot & COUNT_MASK) < (slots[least] & COUNT_MASK)) {
                least = i;
            }
        }
        slots[least] = key | Math.min(COUNT_MASK, (slots[least] & COUNT_MASK) + 1);
        texts[textAt + least - at] = strings.get(hash, bytes, from, to);
    }

    /** The {@code shown} most counted values, highest first, ties by text. */
    static List<Entry> entries(long[] slots, int at, int capacity, Object[] texts, int textAt, int shown) {
        List<Entry> entries = new ArrayList<>(capacity);
        for (int i = 0; i < capacity && slots[at + i] != 0; i++) {
            entries.add(new Entry((String) texts[textAt + i], slots[at + i] & COUNT_MASK));
        }
        entries.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return entries.size() > shown ? List.copyOf(entries.subList(0, shown)) : entries;
    }
}
