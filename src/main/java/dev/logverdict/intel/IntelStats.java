package dev.logverdict.intel;

import java.time.Instant;

/**
 * What the intel step did, for the report.
 *
 * @param cacheError    why the cache could not be used, or null (a permission error is reported, not hidden)
 * @param spentToday    the day's lookups including this run's, as far as the ledger knows
 * @param exhaustedUntil when a 429 says the quota comes back, or null
 */
public record IntelStats(
        long cacheHits,
        long cacheStored,
        String cacheError,
        int requestsPerDay,
        int spentToday,
        int spentThisRun,
        Instant exhaustedUntil) {}
