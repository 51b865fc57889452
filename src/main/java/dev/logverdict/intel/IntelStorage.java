package dev.logverdict.intel;

import dev.logverdict.intel.feeds.Blocklist;

import java.util.List;

/** Where the intel step keeps its state and finds its blocklists, per bucket. */
public interface IntelStorage {

    VerdictCache verdictCache(String bucket);

    QuotaLedger quotaLedger(String bucket);

    /** VirusTotal's pace and daily budget, shared by every invocation that reports into this bucket. */
    RequestAllowance requestAllowance(String bucket);

    /** The blocklists that apply to scans reported into this bucket (stored and bundled ones). */
    List<Blocklist> blocklists(String bucket);
}
