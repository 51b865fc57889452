package dev.logverdict.log.activity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests per hour of each detailed client, for the report's hourly chart: a tally of the hour the log is
 * in, a log of client-hours it moves on from, and the series that log is folded into ({@link HourlyBlocks},
 * 16-bit buckets, at most {@link ActivityContext#MAX_HOURS} hours a client). Clients are the
 * {@link ClientStore}'s numbers, below its detail cap.
 */
final class HourlySeries {

    private static final long NO_HOUR = Long.MIN_VALUE;
    private static final int LOG_COUNT_BITS = 16;
    private static final long LOG_COUNT_MAX = (1L << LOG_COUNT_BITS) - 1;
    private static final int LOG_HOUR_SHIFT = ClientStore.CLIENT_BITS + LOG_COUNT_BITS;
    /** Hour offsets from {@link #hourLogBase} are signed 24-bit numbers. */
    private static final long LOG_HOUR_LIMIT = 1L << (63 - LOG_HOUR_SHIFT);

    private final ActivityContext context;
    /** Detailed clients numbered so far. */
    private int clients;

    private final HourlyBlocks hours = new HourlyBlocks();
    /** Requests beyond a full 16-bit bucket, by client number << 32 | hour since the epoch. */
    private final Map<Long, Long> hoursBeyondFull = new HashMap<>();
    /**
     * The hour the log is in, whose requests are counted per detailed client in {@link #hourTally}. When the
     * log moves on to a later hour, each tallied client's count goes into {@link #hourLog}: in a time-ordered
     * log a client's series then takes one entry per hour it was active instead of one per request, and the tally, a few bytes per client,
     * stays in cache.
     */
    private long tallyHour = Long.MIN_VALUE;
    /**
     * Per detailed client: 0 if it is not in {@link #talliedClients}, else 1 + its requests in
     * {@link #tallyHour} not yet in the hour log.
     */
    private int[] hourTally = new int[1024];

    private int[] talliedClients = new int[1024];
    private int talliedCount;
    /**
     * Client-hours not yet added to the series, in the order they were tallied: client, count and hour
     * packed by {@link #logClientHour}. Added hour by hour, each tallied client's series is a random place in
     * megabytes and every entry waited for memory; sorted by client first, the series are visited in
     * order, and an entry costs a fraction of that. A client's entries keep their order (the window of
     * {@link ActivityContext#MAX_HOURS} depends on it).
     */
    private long[] hourLog = new long[1024];

    private long[] sortedLog = new long[0];
    private int hourLogSize;
    /** The hour the log entries' 24-bit hour offsets count from. */
    private long hourLogBase;

    private final int hourLogBudget;
    /**
     * Per detailed client, at {@code 2 * client}: its series' {@link HourlyBlocks} handle and the hour the
     * series starts at. Apart from the records, so that adding to a series and compacting them read a few
     * MB in client order instead of a line of every record.
     */
    private long[] series = new long[2 * 1024];

    /**
     * Hourly buckets all series together may hold (two bytes each). A log can spread every detailed
     * client's requests over its whole window; past this, a series does not grow and the requests that
     * would have grown it are counted as left out of the charts.
     */
    static final int MAX_BUCKETS = 1 << 24;

    private final long maxBuckets;

    /**
     * @param context       where requests left out of the series are counted
     * @param hourLogBudget client-hours kept in the hour log before they are added to the series
     * @param maxBuckets    hourly buckets all series together may hold ({@link #MAX_BUCKETS})
     */
    HourlySeries(ActivityContext context, int hourLogBudget, long maxBuckets) {
        this.context = context;
        this.hourLogBudget = Math.max(1, hourLogBudget);
        this.maxBuckets = maxBuckets;
    }

    /** Buckets the series hold now, for the tests of the bound. */
    long liveBuckets() {
        return hours.liveBuckets();
    }

    /** Numbers a new detailed client's series, empty. */
    void add(int client) {
        if (client == hourTally.length) {
            hourTally = Arrays.copyOf(hourTally, client * 2);
            talliedClients = Arrays.copyOf(talliedClients, client * 2);
            series = Arrays.copyOf(series, client * 4);
        }
        series[2 * client] = HourlyBlocks.NONE;
        series[2 * client + 1] = NO_HOUR;
        clients = client + 1;
    }

    /** The client's tally word, for a read-ahead (see {@link ClientStore#prefetch}). */
    int tallyOf(int client) {
        return hourTally[client];
    }

    /** One request of the client in this hour (since the epoch). */
    void count(int client, long hour) {
        int tallied = hourTally[client];
        // Most requests: a client already tallied in this hour.
        if (hour == tallyHour && tallied != 0) {
            hourTally[client] = tallied + 1;
        } else {
            tally(client, hour);
        }
    }

    private void tally(int client, long hour) {
        if (hour != tallyHour) {
            if (hour < tallyHour) {
                // Out of order: this client's tallied requests are logged first, so its series sees its
                // hours in the order they came, as the window of {@link ActivityContext#MAX_HOURS} depends on it.
                int tallied = hourTally[client];
                if (tallied > 1) {
                    logClientHour(client, tallyHour, tallied - 1);
                    hourTally[client] = 1;
                }
                logClientHour(client, hour, 1);
                return;
            }
            endTallyHour();
            tallyHour = hour;
        }
        int tallied = hourTally[client];
        if (tallied == 0) {
            talliedClients[talliedCount++] = client;
            tallied = 1;
        }
        hourTally[client] = tallied + 1;
    }

    /** Logs every tallied client's requests in the tallied hour. */
    private void endTallyHour() {
        for (int k = 0; k < talliedCount; k++) {
            int client = talliedClients[k];
            int requests = hourTally[client] - 1;
            hourTally[client] = 0;
            if (requests > 0) {
                logClientHour(client, tallyHour, requests);
            }
        }
        talliedCount = 0;
    }

    /** Adds everything tallied and logged to the series; to be called before the series are read. */
    void flush() {
        endTallyHour();
        foldHourLog();
        // Megabytes the report does not need.
        hourLog = new long[16];
        sortedLog = new long[0];
    }

    private void logClientHour(int client, long hour, int requests) {
        if (hourLogSize == 0) {
            hourLogBase = hour;
        }
        long offset = hour - hourLogBase;
        if (offset >= LOG_HOUR_LIMIT || offset < -LOG_HOUR_LIMIT) {
            // Centuries apart (a forged time): fold what is logged and count from this hour.
            foldHourLog();
            hourLogBase = hour;
            offset = 0;
        }
        for (long left = requests; left > 0; left -= LOG_COUNT_MAX) {
            if (hourLogSize >= hourLogBudget) {
                foldHourLog();
                hourLogBase = hour;
                offset = 0;
            } else if (hourLogSize == hourLog.length) {
                hourLog = Arrays.copyOf(hourLog, Math.min(hourLogBudget, hourLogSize * 2));
            }
            hourLog[hourLogSize++] =
                    offset << LOG_HOUR_SHIFT | Math.min(left, LOG_COUNT_MAX) << ClientStore.CLIENT_BITS | client;
        }
    }

    /**
     * Adds the logged client-hours to the series, client by client (a counting sort by client keeps each
     * client's entries in their order), and empties the log.
     */
    private void foldHourLog() {
        int entries = hourLogSize;
        if (entries == 0) {
            return;
        }
        int[] starts = new int[clients + 1];
        for (int k = 0; k < entries; k++) {
            starts[(int) (hourLog[k] & ClientStore.CLIENT_MASK) + 1]++;
        }
        for (int client = 0; client < clients; client++) {
            starts[client + 1] += starts[client];
        }
        if (sortedLog.length < entries) {
            sortedLog = new long[hourLog.length];
        }
        long[] sorted = sortedLog;
        for (int k = 0; k < entries; k++) {
            long entry = hourLog[k];
            sorted[starts[(int) (entry & ClientStore.CLIENT_MASK)]++] = entry;
        }
        for (int k = 0; k < entries; k++) {
            long entry = sorted[k];
            countHour((int) (entry & ClientStore.CLIENT_MASK), hourLogBase + (entry >> LOG_HOUR_SHIFT), (int)
                    (entry >>> ClientStore.CLIENT_BITS & LOG_COUNT_MAX));
        }
        hourLogSize = 0;
    }

    private void countHour(int client, long hour, int requests) {
        int at = 2 * client;
        long block = series[at];
        if (block == HourlyBlocks.NONE) {
            if (hours.liveBuckets() + 1 > maxBuckets) {
                context.hourlyDropped += requests;
                return;
            }
            block = hours.allocate(1);
            series[at] = block;
            series[at + 1] = hour;
        }
        long firstHour = series[at + 1];
        if (hour < firstHour) {
            long shift = firstHour - hour;
            int span = hours.usedSpan(block);
            if (shift + span > ActivityContext.MAX_HOURS || hours.liveBuckets() + shift + span > maxBuckets) {
                context.hourlyDropped += requests;
                return;
            }
            block = hours.move(block, (int) shift, span, (int) shift + span);
            firstHour = hour;
            series[at] = block;
            series[at + 1] = hour;
        }
        long offset = hour - firstHour;
        if (offset >= ActivityContext.MAX_HOURS) {
            context.hourlyDropped += requests;
            return;
        }
        if (offset >= HourlyBlocks.size(block)) {
            if (hours.liveBuckets() + offset + 1 > maxBuckets) {
                context.hourlyDropped += requests;
                return;
            }
            block = hours.move(block, 0, HourlyBlocks.size(block), (int) offset + 1);
            series[at] = block;
        }
        char[] page = hours.page(block);
        int bucket = HourlyBlocks.offset(block) + (int) offset;
        int room = HourlyBlocks.FULL - page[bucket];
        if (requests <= room) {
            page[bucket] += (char) requests;
        } else {
            page[bucket] = HourlyBlocks.FULL;
            hoursBeyondFull.merge((long) client << 32 | hour & 0xFFFF_FFFFL, (long) requests - room, Long::sum);
        }
        if (hours.wasteful()) {
            compactHours();
        }
    }

    /** Slides every hourly series down over released blocks, in address order, and repoints their handles. */
    private void compactHours() {
        long[] order = new long[clients];
        int count = 0;
        for (int client = 0; client < clients; client++) {
            long block = series[2 * client];
            if (block != HourlyBlocks.NONE) {
                // The block's address above the client's number: sorting orders by address.
                order[count++] = HourlyBlocks.sortKey(block) << ClientStore.CLIENT_BITS | client;
            }
        }
        Arrays.sort(order, 0, count);
        hours.beginCompaction();
        for (int i = 0; i < count; i++) {
            int client = (int) (order[i] & ClientStore.CLIENT_MASK);
            series[2 * client] = hours.slide(series[2 * client]);
        }
        hours.endCompaction();
    }

    long firstHour(int client) {
        return series[2 * client + 1];
    }

    /** Requests per hour from {@link #firstHour}, up to the last non-zero hour; null when no request had a time. */
    int[] hourly(int client) {
        long block = series[2 * client];
        if (block == HourlyBlocks.NONE) {
            return null;
        }
        int[] series = hours.series(block);
        for (int i = 0; i < series.length; i++) {
            if (series[i] == HourlyBlocks.FULL) {
                long hour = firstHour(client) + i;
                long beyond = hoursBeyondFull.getOrDefault((long) client << 32 | hour & 0xFFFF_FFFFL, 0L);
                series[i] = (int) Math.min(Integer.MAX_VALUE, series[i] + beyond);
            }
        }
        return series;
    }
}
