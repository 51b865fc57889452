package dev.logverdict.intel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * What the provider told us about its quota, shared by all invocations (cold starts included) through the
 * store: after repeated 429s, the time before which no run should ask. The spend itself is kept by the
 * {@link RequestAllowance}; {@code spent} here counts records of older versions only.
 */
public interface QuotaLedger {

    /** Lookups spent on a UTC day and, if a 429 said so, when the quota is expected back. */
    record Entry(int spent, Instant exhaustedUntil) {

        public static final Entry EMPTY = new Entry(0, null);
    }

    Entry read(LocalDate day);

    /** Adds {@code moreSpent} to the day's count and records the exhaustion mark (null keeps the stored one). */
    void add(LocalDate day, int moreSpent, Instant exhaustedUntil);

    /** A ledger that forgets at every cold start. */
    static QuotaLedger inMemory() {
        return new QuotaLedger() {
            private final Map<LocalDate, Entry> days = new HashMap<>();

            @Override
            public synchronized Entry read(LocalDate day) {
                return days.getOrDefault(day, Entry.EMPTY);
            }

            @Override
            public synchronized void add(LocalDate day, int moreSpent, Instant exhaustedUntil) {
                Entry old = read(day);
                days.put(
                        day,
                        new Entry(
                                old.spent() + moreSpent,
                                exhaustedUntil != null ? exhaustedUntil : old.exhaustedUntil()));
            }
        };
    }
}
