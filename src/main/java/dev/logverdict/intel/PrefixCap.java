package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code maxPerPrefix} addresses of one IPv6 /64 are looked up for one log: a /64 is one
 * subscriber or one host, so an attacker sweeping it (2^64 addresses to choose from) cannot take the
 * day's budget. The rest are left not_checked with the reason; IPv4 addresses each count on their own.
 *
 * @param kept    the addresses to look up, in the given priority order
 * @param leftOut the others, with why
 */
public record PrefixCap(List<IpAddress> kept, Map<IpAddress, Assessment> leftOut) {

    static final String REASON = "not looked up: more than ";

    public static PrefixCap of(List<IpAddress> byPriority, int maxPerPrefix) {
        if (maxPerPrefix < 1) {
            throw new IllegalArgumentException("logverdict.lookups.max-per-prefix must be at least 1");
        }
        List<IpAddress> kept = new ArrayList<>(byPriority.size());
        Map<IpAddress, Assessment> leftOut = new LinkedHashMap<>();
        Map<Long, Integer> perPrefix = new HashMap<>();
        for (IpAddress ip : byPriority) {
            if (ip.version() == 6 && perPrefix.merge(ip.high(), 1, Integer::sum) > maxPerPrefix) {
                leftOut.put(
                        ip,
                        Assessment.deferred(REASON + maxPerPrefix + " addresses of " + prefixOf(ip)
                                + " in this log (one subscriber or host); the first " + maxPerPrefix
                                + " by priority are looked up"));
            } else {
                kept.add(ip);
            }
        }
        return new PrefixCap(kept, leftOut);
    }

    public static boolean isLeftOut(Assessment assessment) {
        return assessment.reason() != null && assessment.reason().startsWith(REASON);
    }

    /** The /64 an IPv6 address is in, as text ({@code 2001:db8:1:2::/64}). */
    public static String prefixOf(IpAddress ip) {
        return IpAddress.ofV6(ip.high(), 0).toString() + "/64";
    }

    /** What counts as one candidate: the /64 of an IPv6 address, an IPv4 address itself. */
    public static IpAddress candidateKey(IpAddress ip) {
        return ip.version() == 6 ? IpAddress.ofV6(ip.high(), 0) : ip;
    }
}
