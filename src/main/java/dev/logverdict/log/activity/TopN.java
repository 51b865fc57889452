package dev.logverdict.log.activity;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent values of a stream in fixed memory (Space-Saving: a miss replaces the least counted
 * slot, whose count it inherits). Exact while there are at most twice {@code shown} distinct values;
 * beyond that a value with more than 1/(2·shown) of the stream is never lost, and counts are upper bounds.
 * The slots live inside a client's record in {@link ClientStore}: each is one long, the value's
 * {@linkplain SharedTexts#key key} (36 bits of its hash), a flag and a 27-bit count (saturating, never 0
 * once used), so a lookup reads a few adjacent words. A value that takes a slot is put in the shared
 * {@link SharedTexts}, which finds its text by the key at report time; only a value the table does not
 * share (it is full, or another text came first with the key) keeps its own text in the client's
 * references, and the flag says so. Taking a slot, most requests in a log of many distinct paths, then
 * writes nothing outside the record.
 */
public final class TopN {

    /** A counted value. */
    public record Entry(String value, long count) {}

    private static final int COUNT_BITS = 27;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    /** The slot's text is in the client's references, not found by key in the table. */
    private static final long OWN_TEXT = 1L << COUNT_BITS;

    private static final long KEY_MASK = SharedTexts.KEY_MASK;

    private final int slotsAt;
    private final int capacity;
    private final int textsAt;
    private final int shown;
    private final SharedTexts strings;

    /**
     * The top-N of one kind of value in every client's record: {@code capacity} slots at {@code slotsAt}
     * in its longs, their texts at {@code textsAt} in its references, the {@code shown} most counted
     * reported, texts shared in {@code strings}.
     */
    TopN(int slotsAt, int capacity, int textsAt, int shown, SharedTexts strings) {
        this.slotsAt = slotsAt;
        this.capacity = capacity;
        this.textsAt = textsAt;
        this.shown = shown;
        this.strings = strings;
    }

    /**
     * Counts one value, the text {@code bytes[from, to)} with its hash, in the record at
     * {@code record[recordAt…]} whose references are at {@code refs[refAt…]}.
     */
    void add(long[] record, int recordAt, Object[] refs, int refAt, long hash, byte[] bytes, int from, int to) {
        long key = SharedTexts.key(hash);
        int at = recordAt + slotsAt;
        int textAt = refAt + textsAt;
        int end = at + capacity;
        int least = at;
        for (int i = at; i < end; i++) {
            long slot = record[i];
            if (slot == 0) {
                record[i] = key | text(refs, textAt + i - at, hash, bytes, from, to) | 1;
                return;
            }
            if ((slot & KEY_MASK) == key) {
                if ((slot & COUNT_MASK) != COUNT_MASK) {
                    record[i] = slot + 1;
                }
                return;
            }
            if ((slot & COUNT_MASK) < (record[least] & COUNT_MASK)) {
                least = i;
            }
        }
        long count = Math.min(COUNT_MASK, (record[least] & COUNT_MASK) + 1);
        record[least] = key | text(refs, textAt + least - at, hash, bytes, from, to) | count;
    }

    /** Where the text of a value taking a slot is kept: {@link #OWN_TEXT} if in {@code texts[at]}, else 0. */
    private long text(Object[] texts, int at, long hash, byte[] bytes, int from, int to) {
        if (strings.share(hash, bytes, from, to)) {
            return 0;
        }
        texts[at] = strings.text(bytes, from, to);
        return OWN_TEXT;
    }

    /** The {@code shown} most counted values of the record at {@code record[recordAt…]}, highest first, ties by text. */
    List<Entry> entries(long[] record, int recordAt, Object[] refs, int refAt) {
        List<Entry> entries = new ArrayList<>(capacity);
        int at = recordAt + slotsAt;
        for (int i = 0; i < capacity && record[at + i] != 0; i++) {
            long slot = record[at + i];
            String text = (slot & OWN_TEXT) != 0 ? (String) refs[refAt + textsAt + i] : strings.byKey(slot & KEY_MASK);
            entries.add(new Entry(text, slot & COUNT_MASK));
        }
        entries.sort((a, b) -> a.count() != b.count()
                ? Long.compare(b.count(), a.count())
                : a.value().compareTo(b.value()));
        return entries.size() > shown ? List.copyOf(entries.subList(0, shown)) : entries;
    }
}
