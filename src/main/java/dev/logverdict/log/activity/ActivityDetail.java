package dev.logverdict.log.activity;

import dev.logverdict.log.format.ParsedLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounded detail kept per client (status classes, methods, top paths and agents, an hourly series):
 * a read-only view of the client's record in the scan's {@link ClientStore}.
 */
public final class ActivityDetail {

    /** The status counters' names, in the store's order: made once, not for every client of a report. */
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private final ClientStore store;
    private final int client;

    ActivityDetail(ClientStore store, int client) {
        this.store = store;
        this.client = client;
    }

    /** Requests per status class ("2xx"…; "other" for a missing or odd status), zero classes left out. */
    public Map<String, Long> statusClasses() {
        Map<String, Long> classes = new LinkedHashMap<>();
        for (int i = 0; i < ClientStore.METHODS_AT; i++) {
            long count = store.detailCounter(client, i);
            if (count > 0) {
                classes.put(STATUS_CLASSES[i], count);
            }
        }
        return classes;
    }

    public Map<String, Long> methods() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < ActivityContext.METHODS.length; i++) {
            long count = store.detailCounter(client, ClientStore.METHODS_AT + i);
            if (count > 0) {
                counts.put(ActivityContext.METHODS[i], count);
            }
        }
        return counts;
    }

    public List<TopN.Entry> topPaths() {
        return store.topPaths(client);
    }

    public List<TopN.Entry> topUserAgents() {
        return store.topUserAgents(client);
    }

    /** The hour (epoch seconds) the series starts at, or {@link ParsedLine#NO_TIMESTAMP} when no line had a time. */
    public long hourlyStart() {
        return store.hourly(client) == null ? ParsedLine.NO_TIMESTAMP : store.firstHour(client) * 3600;
    }

    /** Requests per hour from {@link #hourlyStart()}. */
    public int[] hourly() {
        int[] hourly = store.hourly(client);
        return hourly == null ? new int[0] : hourly;
    }
}
