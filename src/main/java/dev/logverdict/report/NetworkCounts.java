package dev.logverdict.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's "top networks": requests, IPs and malicious IPs per autonomous system, counted from the
 * entries one at a time (for a report built from a scan and for one refreshed from a stored report).
 */
final class NetworkCounts {

    /** Enough for a SOC's first look; the per-IP entries carry the network of every public IP. */
    static final int TOP = 25;

    private static final class Tally {
        final Report.Network network;
        long requests;
        long ips;
        long malicious;

        Tally(Report.Network network) {
            this.network = network;
        }
    }

    // Keyed by ASN: at most one entry per autonomous system in the table, so the map stays small.
    private final Map<Long, Tally> byAsn = new HashMap<>();

    void add(Report.Network network, long requests, String verdict) {
        if (network == null) {
            return;
        }
        Tally tally = byAsn.computeIfAbsent(network.asn(), asn -> new Tally(network));
        tally.requests += requests;
        tally.ips++;
        if ("malicious".equals(verdict)) {
            tally.malicious++;
        }
    }

    /** The busiest networks, null when no IP had one (no ASN table loaded). */
    List<Report.NetworkActivity> top() {
        if (byAsn.isEmpty()) {
            return null;
        }
        return byAsn.values().stream()
                .sorted(Comparator.comparingLong((Tally t) -> t.requests)
                        .reversed()
                        .thenComparing(Comparator.comparingLong((Tally t) -> t.malicious)
                                .reversed())
                        .thenComparingLong(t -> t.network.asn()))
                .limit(TOP)
                .map(t -> new Report.NetworkActivity(
                        t.network.asn(), t.network.name(), t.network.country(), t.requests, t.ips, t.malicious))
                .toList();
    }
}
