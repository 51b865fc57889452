package dev.logverdict.blocklist;

import dev.logverdict.intel.Verdict;
import dev.logverdict.intel.sources.Infrastructure;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.report.export.BlocklistExport;
import dev.logverdict.report.export.WafIpSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One blocklist across every report: the malicious verdicts of the last window, each address kept until the
 * window has passed since it was last seen in a log, never a private, special-purpose, verified-crawler or
 * CDN-edge address (blocking a CDN edge blocks everyone behind it), merged into exactly covering CIDRs and
 * cut to what a WAF IP set holds, lowest risk first.
 */
public final class RollingBlocklist {

    private static final String CDN = Infrastructure.Kind.CDN.label();
    private static final String VERIFIED_CRAWLER = Infrastructure.Kind.VERIFIED_CRAWLER.label();

    /**
     * An address on the list: when it was last seen in a log, and the most requests and VirusTotal engines
     * one finding gave it. Maxima, not sums: reading a findings object twice changes nothing.
     */
    public record Listed(String lastSeen, long requests, int engines) {

        Listed merge(Listed other) {
            return new Listed(
                    Instant.parse(lastSeen).isAfter(Instant.parse(other.lastSeen)) ? lastSeen : other.lastSeen,
                    Math.max(requests, other.requests),
                    Math.max(engines, other.engines));
        }
    }

    /** What one line of a findings object says, as far as the list needs it. */
    public record Sighting(
            String ip, String verdict, String infrastructureKind, Instant lastSeen, long requests, int engines) {}

    /** The lists to publish, and what was left out. */
    public record Lists(WafIpSet ipv4, WafIpSet ipv6, byte[] guardDuty, int addresses) {}

    private final Map<IpAddress, Listed> listed = new TreeMap<>();

    /** The list as stored: address text to entry. */
    public static RollingBlocklist of(Map<String, Listed> stored) {
        RollingBlocklist list = new RollingBlocklist();
        stored.forEach((ip, entry) -> {
            IpAddress address = IpAddressParser.parse(ip);
            if (address != null) {
                list.listed.merge(address, entry, Listed::merge);
            }
        });
        return list;
    }

    /**
     * Takes one finding in; only a malicious, public address outside CDN edges and crawler ranges counts.
     *
     * @return whether it went on the list
     */
    public boolean add(Sighting sighting) {
        if (!Verdict.MALICIOUS.label().equals(sighting.verdict())
                || CDN.equals(sighting.infrastructureKind())
                || VERIFIED_CRAWLER.equals(sighting.infrastructureKind())
                || sighting.lastSeen() == null) {
            return false;
        }
        // Re-parsed and re-classified, whatever the finding says: a firewall list never gets a private range.
        IpAddress address = IpAddressParser.parse(sighting.ip());
        if (address == null || !ScopeClassifier.classify(address).isPublic()) {
            return false;
        }
        listed.merge(
                address,
                new Listed(sighting.lastSeen().toString(), sighting.requests(), sighting.engines()),
                Listed::merge);
        return true;
    }

    /**
     * Drops what was last seen before {@code cutoff}.
     *
     * @return how many expired
     */
    public int expireBefore(Instant cutoff) {
        int before = listed.size();
        listed.values().removeIf(entry -> Instant.parse(entry.lastSeen()).isBefore(cutoff));
        return before - listed.size();
    }

    /** Address text to entry, in address order, for storing. */
    public Map<String, Listed> stored() {
        Map<String, Listed> stored = new TreeMap<>();
        listed.forEach((address, entry) -> stored.put(address.toString(), entry));
        return stored;
    }

    public int size() {
        return listed.size();
    }

    /** The files to publish, each WAF list within {@code limit} entries. */
    public Lists lists(int limit) {
        List<IpAddress> byRisk = new ArrayList<>(listed.keySet());
        byRisk.sort(Comparator.<IpAddress>comparingInt(ip -> listed.get(ip).engines())
                .thenComparingLong(ip -> listed.get(ip).requests())
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        return new Lists(
                WafIpSet.of(family(byRisk, 4), limit),
                WafIpSet.of(family(byRisk, 6), limit),
                BlocklistExport.guardDutyThreatIntelSet(new ArrayList<>(listed.keySet())),
                listed.size());
    }

    private static List<IpAddress> family(List<IpAddress> addresses, int version) {
        return addresses.stream().filter(ip -> ip.version() == version).toList();
    }
}
