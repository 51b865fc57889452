package dev.logverdict.intel.queue;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Comparator;
import java.util.List;

/**
 * The public IPs of one scanned object version that are still waiting for an answer, with what the
 * scheduled drain needs to rank them and to refresh the report without reading the log again.
 *
 * @param firstScan   when this object version was first scanned: its lookups end {@code window} after it
 * @param lastRefresh when its report was last rewritten with new answers
 * @param ips         the waiting IPs, most important first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingLookups(Source source, Report report, String firstScan, String lastRefresh, List<Ip> ips) {

    /** The scanned object version. */
    public record Source(String bucket, String key, String versionId, String eTag) {}

    /** Where its report and the files beside it are. */
    public record Report(String bucket, String key, String outputKeyBase) {}

    /**
     * One waiting IP.
     *
     * @param signals  weight of its attack signals (probes, injections, scanners)
     * @param lastSeen epoch second of its last request, or -1
     * @param failures lookups of it that failed (it is dropped after a few, and its entry says why)
     */
    public record Ip(String ip, long signals, long requests, long lastSeen, int failures) {

        /** Attack signals first, then the busiest, then the most recent. */
        public static final Comparator<Ip> BY_PRIORITY = Comparator.comparingLong(Ip::signals)
                .thenComparingLong(Ip::requests)
                .thenComparingLong(Ip::lastSeen)
                .reversed()
                .thenComparing(Ip::ip);

        public Ip failedOnce() {
            return new Ip(ip, signals, requests, lastSeen, failures + 1);
        }
    }

    public PendingLookups withIps(List<Ip> remaining, String refreshedAt) {
        return new PendingLookups(source, report, firstScan, refreshedAt, remaining);
    }
}
