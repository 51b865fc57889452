package dev.logverdict.intel;

import dev.logverdict.intel.sources.OfflineIntel;

/** Where the intel step keeps its state and finds its blocklists, per bucket. */
public interface IntelStorage {

    VerdictCache verdictCache(String bucket);

    QuotaLedger quotaLedger(String bucket);

    /** VirusTotal's pace and daily budget, shared by every invocation that reports into this bucket. */
    RequestAllowance requestAllowance(String bucket);

    /**
     * What the offline sources say for scans reported into this bucket: the user's blocklists (stored and
     * bundled ones) and the public sources the schedule keeps there.
     */
    OfflineIntel offlineIntel(String bucket);
}
