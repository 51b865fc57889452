package dev.logverdict.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bounded detail kept per client: status classes, methods, top paths and agents, an hourly series. */
public final class ActivityDetail {

    private static final int METHODS_AT = 6;
    /** 1xx..5xx and "other" status classes, then the methods: one array, one cache line. */
    private final int[] counters = new int[METHODS_AT + ActivityContext.METHODS.length];
    private final TopN topPaths = new TopN(ActivityContext.TOP_PATHS);
    private final TopN topUserAgents = new TopN(ActivityContext.TOP_USER_AGENTS);
    private long firstHour = Long.MIN_VALUE;
    private int[] hourly;

    void record(ParsedLine line, long pathHash, int pathEnd, long agentHash, ActivityContext context) {
        int status = line.status();
        counters[status >= 100 && status <= 599 ? status / 100 - 1 : 5]++;
        int method = ActivityContext.methodIndex(line.method());
        if (method >= 0) {
            counters[METHODS_AT + method]++;
        }
        if (pathHash != 0) {
            topPaths.add(pathHash, line.path(), pathEnd, context.paths);
        }
        if (agentHash != 0) {
            topUserAgents.add(agentHash, line.userAgent(), line.userAgent().to(), context.userAgents);
        }
        if (line.epochSecond() != ParsedLine.NO_TIMESTAMP) {
            countHour(Math.floorDiv(line.epochSecond(), 3600), context);
        }
    }

    private void countHour(long hour, ActivityContext context) {
        if (hourly == null) {
            firstHour = hour;
            hourly = new int[4];
        }
        if (hour < firstHour) {
            int shift = (int) Math.min(firstHour - hour, Integer.MAX_VALUE);
            int span = usedSpan();
            if ((long) shift + span > ActivityContext.MAX_HOURS) {
                context.hourlyDropped++;
                return;
            }
            int[] grown = new int[Math.max(hourly.length, shift + span)];
            System.arraycopy(hourly, 0, grown, shift, span);
            hourly = grown;
            firstHour = hour;
        }
        long offset = hour - firstHour;
        if (offset >= ActivityContext.MAX_HOURS) {
            context.hourlyDropped++;
            return;
        }
        if (offset >= hourly.length) {
            // Grow in small steps: a day of traffic is 24 buckets, and 100 k clients each hold one.
            hourly = java.util.Arrays.copyOf(hourly, (int) Math.min(ActivityContext.MAX_HOURS, (offset + 8) & ~7L));
        }
        hourly[(int) offset]++;
    }

    private int usedSpan() {
        int last = hourly.length - 1;
        while (last >= 0 && hourly[last] == 0) {
            last--;
        }
        return last + 1;
    }

    /** Requests per status class ("2xx"…; "other" for a missing or odd status), zero classes left out. */
    public Map<String, Long> statusClasses() {
        Map<String, Long> classes = new LinkedHashMap<>();
        for (int i = 0; i < METHODS_AT; i++) {
            if (counters[i] > 0) {
                classes.put(i < 5 ? (i + 1) + "xx" : "other", (long) counters[i]);
            }
        }
        return classes;
    }

    public Map<String, Long> methods() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < ActivityContext.METHODS.length; i++) {
            if (counters[METHODS_AT + i] > 0) {
                counts.put(ActivityContext.METHODS[i], (long) counters[METHODS_AT + i]);
            }
        }
        return counts;
    }

    public List<TopN.Entry> topPaths() {
        return topPaths.entries();
    }

    public List<TopN.Entry> topUserAgents() {
        return topUserAgents.entries();
    }

    /** The hour (epoch seconds) the series starts at, or {@link ParsedLine#NO_TIMESTAMP} when no line had a time. */
    public long hourlyStart() {
        return hourly == null ? ParsedLine.NO_TIMESTAMP : firstHour * 3600;
    }

    /** Requests per hour from {@link #hourlyStart()}. */
    public int[] hourly() {
        return hourly == null ? new int[0] : java.util.Arrays.copyOf(hourly, usedSpan());
    }
}
