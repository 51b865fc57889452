package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What one client IP did in the log. An accumulator, updated once per line of that client. Counts are
 * kept for every client; the bounded {@link ActivityDetail} only while the scan's detail budget lasts.
 */
public final class ClientActivity {

    private static final int MAX_PROXIES_LISTED = 8;
    private static final Signal[] SIGNALS = Signal.values();

    private long requests;
    private long bytes;
    private long firstSeen = ParsedLine.NO_TIMESTAMP;
    private long lastSeen = ParsedLine.NO_TIMESTAMP;
    private long forwardedRequests;
    private Map<IpAddress, Long> via;
    private long relayedRequests;
    private int[] signalCounts;
    private final ActivityDetail detail;

    ClientActivity(boolean detailed) {
        this.detail = detailed ? new ActivityDetail() : null;
    }

    void record(ParsedLine line, ActivityContext context) {
        requests++;
        long epochSecond = line.epochSecond();
        if (epochSecond != ParsedLine.NO_TIMESTAMP) {
            if (firstSeen == ParsedLine.NO_TIMESTAMP || epochSecond < firstSeen) {
                firstSeen = epochSecond;
            }
            if (lastSeen == ParsedLine.NO_TIMESTAMP || epochSecond > lastSeen) {
                lastSeen = epochSecond;
            }
        }
        if (line.responseBytes() > 0) {
            bytes += line.responseBytes();
        }
        long signals = 0;
        long pathHash = 0;
        int pathEnd = 0;
        Field path = line.path();
        if (path.isPresent()) {
            int query = Tokens.indexOf(path.bytes(), path.from(), path.to(), (byte) '?');
            pathEnd = query < 0 ? path.to() : query;
            pathHash = Hashing.hash(path.bytes(), path.from(), pathEnd) | 1;
            long targetHash = query < 0 ? pathHash : Hashing.hash(path.bytes(), path.from(), path.to()) | 1;
            signals |= context.signals.ofTarget(path, targetHash);
        }
        long agentHash = 0;
        Field agent = line.userAgent();
        if (agent.isPresent()) {
            agentHash = Hashing.hash(agent.bytes(), agent.from(), agent.to()) | 1;
            signals |= context.signals.ofUserAgent(agent, agentHash);
        }
        if (signals != 0) {
            countSignals(signals);
        }
        if (detail != null) {
            detail.record(line, pathHash, pathEnd, agentHash, context);
        }
    }

    private void countSignals(long signals) {
        if (signalCounts == null) {
            signalCounts = new int[SIGNALS.length];
        }
        for (int i = 0; i < SIGNALS.length; i++) {
            if ((signals & (1L << i)) != 0) {
                signalCounts[i]++;
            }
        }
    }

    /** A request this IP made through a trusted proxy, which named it in X-Forwarded-For. */
    void recordForwarded(ParsedLine line, IpAddress proxy, ActivityContext context) {
        record(line, context);
        forwardedRequests++;
        if (via == null) {
            via = new HashMap<>(4);
        }
        if (via.containsKey(proxy) || via.size() < MAX_PROXIES_LISTED) {
            via.merge(proxy, 1L, Long::sum);
        }
    }

    /** A request this (trusted proxy) IP passed on for another client. */
    void recordRelayed() {
        relayedRequests++;
    }

    /** Requests attributed to this IP as the client (relayed ones are not). */
    public long requests() {
        return requests;
    }

    /** Response bytes sent to this client. */
    public long bytes() {
        return bytes;
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long forwardedRequests() {
        return forwardedRequests;
    }

    public Map<IpAddress, Long> via() {
        return via == null ? Map.of() : Collections.unmodifiableMap(via);
    }

    public long relayedRequests() {
        return relayedRequests;
    }

    /** Requests per attack signal; empty when none fired. */
    public Map<Signal, Integer> signals() {
        if (signalCounts == null) {
            return Map.of();
        }
        Map<Signal, Integer> counts = new EnumMap<>(Signal.class);
        for (int i = 0; i < SIGNALS.length; i++) {
            if (signalCounts[i] > 0) {
                counts.put(SIGNALS[i], signalCounts[i]);
            }
        }
        return counts;
    }

    /** Requests that raised at least one signal, summed over signals: the ranking key for lookups. */
    public long signalWeight() {
        long weight = 0;
        if (signalCounts != null) {
            for (int count : signalCounts) {
                weight += count;
            }
        }
        return weight;
    }

    /** Bounded detail, or null when the scan's detail budget was spent before this client appeared. */
    public ActivityDetail detail() {
        return detail;
    }
}
