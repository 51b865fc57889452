package dev.logverdict.intel;

import dev.logverdict.intel.sources.OfflineIntel;

/** Where the intel step keeps its state and finds its blocklists, per bucket. */
public interface IntelStorage {

    /** A provider's answers, cached per IP ({@code provider} is its id: virustotal, abuseipdb). */
    VerdictCache verdictCache(String bucket, String provider);

    /** Where a provider's "quota exhausted until" is kept for later invocations. */
    QuotaLedger quotaLedger(String bucket, String provider);

    /** A provider's pace and daily budget, shared by every invocation that reports into this bucket. */
    RequestAllowance requestAllowance(String bucket, String provider);

    /**
     * What the offline sources say for scans reported into this bucket: the user's blocklists (stored and
     * bundled ones) and the public sources the schedule keeps there.
     */
    OfflineIntel offlineIntel(String bucket);
}
