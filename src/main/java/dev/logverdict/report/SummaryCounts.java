package dev.logverdict.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's counts over public IPs, from each entry's scope, lookup status and verdict: one counting
 * for a report built from a scan and for one refreshed from a stored report.
 */
final class SummaryCounts {

    private long publicIps;
    private long lookedUp;
    private long fromCache;
    private long fromFeeds;
    private long notChecked;
    private long malicious;
    private long suspicious;
    private long harmless;
    private long unknown;
    private final Map<String, Long> answeredBy = new TreeMap<>();

    /**
     * Counts one entry; only public addresses are in the summary's sums. {@code fromFeeds} counts every
     * answer an offline source gave (blocklists, verified crawlers, and conflicts between the two).
     */
    void add(boolean isPublic, String status, String verdict, String source) {
        if (!isPublic) {
            return;
        }
        publicIps++;
        switch (status == null ? "" : status) {
            case "ok", "not_found" -> lookedUp++;
            case "cached" -> fromCache++;
            case "feed", "verified_crawler", "conflict" -> fromFeeds++;
            default -> notChecked++;
        }
        if (!"not_checked".equals(verdict) && source != null) {
            // a cached answer is the provider's answer, given earlier
            answeredBy.merge(
                    source.endsWith(" (cache)") ? source.substring(0, source.length() - 8) : source, 1L, Long::sum);
        }
        switch (verdict) {
            case "malicious" -> malicious++;
            case "suspicious" -> suspicious++;
            case "harmless" -> harmless++;
            case "unknown" -> unknown++;
            default -> {
                // not_checked: counted with its status
            }
        }
    }

    Report.Summary summary(long lines, long parsedLines, long malformedLines, long uniqueIps, List<String> truncated) {
        double coverage = publicIps == 0 ? 1.0 : Math.round((publicIps - notChecked) * 10_000.0 / publicIps) / 10_000.0;
        return new Report.Summary(
                lines,
                parsedLines,
                malformedLines,
                uniqueIps,
                publicIps,
                lookedUp,
                fromCache,
                fromFeeds,
                notChecked,
                malicious,
                suspicious,
                harmless,
                unknown,
                coverage,
                truncated,
                Collections.unmodifiableMap(new TreeMap<>(answeredBy)));
    }

    /**
     * Most dangerous first: confirmed bad, then public IPs nobody could vouch for, then clean ones, then
     * addresses that are not on the internet at all.
     */
    static int riskRank(boolean isPublic, String verdict) {
        if (!isPublic) {
            return 5;
        }
        return switch (verdict) {
            case "malicious" -> 0;
            case "suspicious" -> 1;
            case "not_checked" -> 2;
            case "unknown" -> 3;
            default -> 4;
        };
    }
}
