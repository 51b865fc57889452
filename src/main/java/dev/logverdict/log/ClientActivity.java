package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** What one client IP did in the log. An accumulator, updated once per line of that client. */
public final class ClientActivity {

    private static final int MAX_PROXIES_LISTED = 8;

    private long requests;
    private long firstSeen = ParsedLine.NO_TIMESTAMP;
    private long lastSeen = ParsedLine.NO_TIMESTAMP;
    private long forwardedRequests;
    private Map<IpAddress, Long> via;
    private long relayedRequests;

    void record(long epochSecond) {
        requests++;
        if (epochSecond != ParsedLine.NO_TIMESTAMP) {
            if (firstSeen == ParsedLine.NO_TIMESTAMP || epochSecond < firstSeen) {
                firstSeen = epochSecond;
            }
            if (lastSeen == ParsedLine.NO_TIMESTAMP || epochSecond > lastSeen) {
                lastSeen = epochSecond;
            }
        }
    }

    /** A request this IP made through a trusted proxy, which named it in X-Forwarded-For. */
    void recordForwarded(long epochSecond, IpAddress proxy) {
        record(epochSecond);
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

    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }

    /** Of {@link #requests()}, how many arrived through a trusted proxy. */
    public long forwardedRequests() {
        return forwardedRequests;
    }

    /** The proxies those requests came through, with counts (at most 8 listed). */
    public Map<IpAddress, Long> via() {
        return via == null ? Map.of() : Collections.unmodifiableMap(via);
    }

    /** Requests this IP relayed for other clients as a trusted proxy. */
    public long relayedRequests() {
        return relayedRequests;
    }
}
