package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.format.ParsedLine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one client IP did in the log: a read-only view of its record in the scan's {@link ClientStore}.
 * Counts are kept for every client; the bounded {@link ActivityDetail} only while the scan's detail
 * budget lasts.
 */
public final class ClientActivity {

    /** What the time methods return when no line of the client had a time. */
    public static final long NO_TIME = ParsedLine.NO_TIMESTAMP;

    private static final Signal[] SIGNALS = Signal.values();

    private final ClientStore store;
    private final int client;

    ClientActivity(ClientStore store, int client) {
        this.store = store;
        this.client = client;
    }

    /** Requests attributed to this IP as the client (relayed ones are not). */
    public long requests() {
        return store.count(client, ClientStore.REQUESTS);
    }

    /** Response bytes sent to this client. */
    public long bytes() {
        return store.count(client, ClientStore.BYTES);
    }

    public long firstSeen() {
        return store.count(client, ClientStore.FIRST_SEEN);
    }

    public long lastSeen() {
        return store.count(client, ClientStore.LAST_SEEN);
    }

    public long forwardedRequests() {
        return store.coldCount(client, ClientStore.FORWARDED);
    }

    @SuppressWarnings("unchecked")
    public Map<IpAddress, Long> via() {
        Map<IpAddress, Long> via = (Map<IpAddress, Long>) store.reference(client, ClientStore.VIA);
        return via == null ? Map.of() : Collections.unmodifiableMap(via);
    }

    public long relayedRequests() {
        return store.coldCount(client, ClientStore.RELAYED);
    }

    /** Requests per attack signal; empty when none fired. */
    public Map<Signal, Integer> signals() {
        Map<Signal, Integer> counts = new EnumMap<>(Signal.class);
        for (Signal signal : SIGNALS) {
            long count = store.signalCount(client, signal);
            if (count > 0) {
                counts.put(signal, (int) Math.min(Integer.MAX_VALUE, count));
            }
        }
        return counts.isEmpty() ? Map.of() : counts;
    }

    /** Requests that raised at least one signal, summed over signals: the ranking key for lookups. */
    public long signalWeight() {
        long weight = 0;
        for (Signal signal : SIGNALS) {
            weight += store.signalCount(client, signal);
        }
        return weight;
    }

    /** Bounded detail, or null when the scan's detail budget was spent before this client appeared. */
    public ActivityDetail detail() {
        return store.isDetailed(client) ? new ActivityDetail(store, client) : null;
    }
}
