package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.format.ParsedLine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every client's accumulators in flat, paged primitive arrays. A log line updates one contiguous record
 * (counts, status and method counters, top-N slots) found by index arithmetic, instead of following
 * pointers through half a dozen objects: the record's cache misses then overlap instead of waiting one
 * behind the other, which is what the scan's per-line cost was made of. Clients are numbered in order of
 * first appearance; the first {@code detailedClients} get the detailed record, the rest counts only; how
 * many there are at most is the {@link ClientIndex}'s cap.
 */
final public class ClientStore {

    // A client's record, in longs: what every request updates first, then (detailed clients) the detail,
    // and last the counts few requests touch, so a request reads one line fewer.
    static final int REQUESTS = 0;
    static final int BYTES = 1;
    static final int FIRST_SEEN = 2;
    static final int LAST_SEEN = 3;
    private static final int HOT_COUNTS = 4;
    // The rarely updated counts, at a tier's cold offset:
    static final int FORWARDED = 0;
    static final int RELAYED = 1;
    /** Per-signal counts, two 32-bit counts per long. */
    static final int SIGNALS = 2;
    /** Signal.values() copies its array on every call, and the client JIT does not take the copy away. */
    private static final int SIGNAL_COUNT = Signal.values().length;
    private static final int COLD_LONGS = SIGNALS + (SIGNAL_COUNT + 1) / 2;
    // Detailed clients also have:
    /** Status classes (1xx…5xx, other), then methods: 32-bit counters, two per long. */
    static final int COUNTERS = HOT_COUNTS;
    static final int METHODS_AT = 6;
    private static final int COUNTER_COUNT = METHODS_AT + ActivityContext.METHODS.length;
    static final int PATH_SLOTS = COUNTERS + (COUNTER_COUNT + 1) / 2;
    static final int PATH_CAPACITY = 2 * ActivityContext.TOP_PATHS;
    static final int AGENT_SLOTS = PATH_SLOTS + PATH_CAPACITY;
    static final int AGENT_CAPACITY = 2 * ActivityContext.TOP_USER_AGENTS;
    private static final int DETAIL_HOT_LONGS = AGENT_SLOTS + AGENT_CAPACITY;

    // A client's references: the proxies it came through; detailed clients also the top-N texts.
    static final int VIA = 0;
    static final int PATH_TEXTS = 1;
    static final int AGENT_TEXTS = PATH_TEXTS + PATH_CAPACITY;
    private static final int DETAIL_REFS = AGENT_TEXTS + AGENT_CAPACITY;

    private static final int MAX_PROXIES_LISTED = 8;
    /** Detailed clients are numbered below 2^CLIENT_BITS (the detail cap is far lower). */
    private static final int CLIENT_BITS = 24;
    private static final long CLIENT_MASK = (1L << CLIENT_BITS) - 1;
    /** More detailed clients than this would need gigabytes; the cap keeps client numbers in CLIENT_BITS. */
    static final int MAX_DETAILED = 1 << CLIENT_BITS;
    private static final long NO_HOUR = Long.MIN_VALUE;
    /** Client-hours logged before they are sorted into the series: 4 MB of log and as much to sort it into. */
    public static final int HOUR_LOG_BUDGET = 1 << 19;
    private static final int LOG_COUNT_BITS = 16;
    private static final long LOG_COUNT_MAX = (1L << LOG_COUNT_BITS) - 1;
    private static final int LOG_HOUR_SHIFT = CLIENT_BITS + LOG_COUNT_BITS;
    /** Hour offsets from {@link #hourLogBase} are signed 24-bit numbers. */
    private static final long LOG_HOUR_LIMIT = 1L << (63 - LOG_HOUR_SHIFT);

    private final int detailedClients;
    private final ActivityContext context;
    private final Tier detailed = new Tier(DETAIL_HOT_LONGS, COLD_LONGS, DETAIL_REFS);
    private final Tier countsOnly = new Tier(HOT_COUNTS, COLD_LONGS, 1);
    private final HourlyBlocks hours = new HourlyBlocks();
    /** Requests beyond a full 16-bit bucket, by client number << 32 | hour since the epoch. */
    private final Map<Long, Long> hoursBeyondFull = new HashMap<>();
    private int size;
    /**
     * The hour the log is in, whose requests are counted per detailed client in {@link #hourTally}. When the
     * log moves on to a later hour, each tallied client's count goes into {@link #hourLog}: in a time-ordered
     * log a client's series then takes one entry per hour it was active instead of one per request (5 M
     * requests, 2.1 M active client-hours in the benchmark log), and the tally, a few bytes per client,
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
    /** What {@link #prefetch} read; only there to keep its loads. */
    @SuppressWarnings("unused")
    private long prefetched;

    /**
     * @param context what the scan's clients share: the tables the top-N texts are kept in, the count of
     *                requests left out of the hourly series
     * @param hourLogBudget client-hours kept in the hour log before they are added to the series
     */
    public ClientStore(int detailedClients, ActivityContext context, int hourLogBudget) {
        this.detailedClients = Math.max(0, Math.min(detailedClients, MAX_DETAILED));
        this.context = context;
        this.hourLogBudget = Math.max(1, hourLogBudget);
    }

    public int detailedClients() {
        return detailedClients;
    }

    int size() {
        return size;
    }

    boolean isDetailed(int client) {
        return client < detailedClients;
    }

    /** AsciiNumbers a new client and returns its index. */
    int add() {
        int client = size++;
        Tier tier = tier(client);
        int index = indexIn(client);
        long[] record = tier.reserve(index);
        int at = tier.at(index);
        record[at + FIRST_SEEN] = ParsedLine.NO_TIMESTAMP;
        record[at + LAST_SEEN] = ParsedLine.NO_TIMESTAMP;
        if (tier == detailed) {
            if (client == hourTally.length) {
                hourTally = Arrays.copyOf(hourTally, client * 2);
                talliedClients = Arrays.copyOf(talliedClients, client * 2);
                series = Arrays.copyOf(series, client * 4);
            }
            series[2 * client] = HourlyBlocks.NONE;
            series[2 * client + 1] = NO_HOUR;
        }
        return client;
    }

    /**
     * Reads the record lines and text-table slots each request of the batch will use: Java has no prefetch
     * instruction, but independent loads in a short loop are issued together, so the batch
     * waits for memory about once instead of once per request. The loops are split so that each is little
     * more than its loads: under the client JIT an iteration that also finds the record is long enough to
     * fill the processor's window with two or three requests, and only their misses overlapped. The loads
     * feed a checksum kept in a field, so the compiler cannot drop them.
     */
    public void prefetch(RequestBatch batch) {
        int size = batch.size;
        long[][] pages = batch.recordPage;
        int[] ats = batch.recordAt;
        int[] spans = batch.recordSpan;
        for (int i = 0; i < size; i++) {
            int client = batch.client[i];
            Tier tier = tier(client);
            int index = indexIn(client);
            pages[i] = tier.longs(index);
            ats[i] = tier.at(index);
            // A word in each cache line of the hot part: a detailed record's spans four or five lines.
            spans[i] = tier == detailed ? DETAIL_HOT_LONGS - 1 : HOT_COUNTS - 1;
        }
        long sum = 0;
        for (int i = 0; i < size; i++) {
            long[] r = pages[i];
            int at = ats[i];
            int last = at + spans[i];
            sum += r[at] + r[Math.min(at + 8, last)] + r[Math.min(at + 16, last)] + r[Math.min(at + 24, last)] + r[last];
        }
        // A top-N miss looks its text up in a table of megabytes: read those slots ahead too, and the client's
        // hour tally (hundreds of KB, read by every request). Only detailed clients have either; past the cap
        // these loads would be work for nothing.
        SharedTexts paths = context.paths;
        SharedTexts agents = context.userAgents;
        int[] tally = hourTally;
        for (int i = 0; i < size; i++) {
            int client = batch.client[i];
            if (client < detailedClients) {
                sum += paths.touch(batch.pathHash[i]) + agents.touch(batch.agentHash[i]) + tally[client];
            }
        }
        keep(sum);
    }

    /** Keeps a read-ahead's loads from being optimised away. */
    public void keep(long readAhead) {
        prefetched += readAhead;
    }

    /** Request {@code i} of the batch, made by this client; {@link #prefetch} has seen the batch. */
    public void record(int client, RequestBatch batch, int i) {
        Tier tier = tier(client);
        int index = indexIn(client);
        // Where prefetch found the record.
        long[] r = batch.recordPage[i];
        int at = batch.recordAt[i];
        r[at + REQUESTS]++;
        long epochSecond = batch.epochSecond[i];
        if (epochSecond != ParsedLine.NO_TIMESTAMP) {
            long first = r[at + FIRST_SEEN];
            if (first == ParsedLine.NO_TIMESTAMP || epochSecond < first) {
                r[at + FIRST_SEEN] = epochSecond;
            }
            long last = r[at + LAST_SEEN];
            if (last == ParsedLine.NO_TIMESTAMP || epochSecond > last) {
                r[at + LAST_SEEN] = epochSecond;
            }
        }
        if (batch.responseBytes[i] > 0) {
            r[at + BYTES] += batch.responseBytes[i];
        }
        if (batch.signals[i] != 0) {
            countSignals(r, at + tier.coldAt, batch.signals[i]);
        }
        if (tier == detailed) {
            recordDetail(r, at, tier.refs(index), tier.refAt(index), batch, i);
            if (batch.epochSecond[i] != ParsedLine.NO_TIMESTAMP) {
                long hour = batch.hour[i];
                int tallied = hourTally[client];
                // Most requests: a client already tallied in this hour. Here, not in tally(), to save a call.
                if (hour == tallyHour && tallied != 0) {
                    hourTally[client] = tallied + 1;
                } else {
                    tally(client, hour);
                }
            }
        }
    }

    private static void countSignals(long[] r, int coldAt, long signals) {
        for (int i = 0; i < SIGNAL_COUNT; i++) {
            if ((signals & (1L << i)) != 0) {
                increment(r, coldAt + SIGNALS, i);
            }
        }
    }

    private void recordDetail(long[] r, int at, Object[] refs, int refAt, RequestBatch batch, int i) {
        int status = batch.status[i];
        // status * 41 >>> 12 is status / 100 from 100 to 599; the client JIT divides by a constant with idiv.
        increment(r, at + COUNTERS, status >= 100 && status <= 599 ? (status * 41 >>> 12) - 1 : 5);
        int method = batch.method[i];
        if (method >= 0) {
            increment(r, at + COUNTERS, METHODS_AT + method);
        }
        if (batch.pathHash[i] != 0) {
            TopN.add(r, at + PATH_SLOTS, PATH_CAPACITY, refs, refAt + PATH_TEXTS, batch.pathHash[i],
                    batch.pathBytes[i], batch.pathFrom[i], batch.pathEnd[i], context.paths);
        }
        if (batch.agentHash[i] != 0) {
            TopN.add(r, at + AGENT_SLOTS, AGENT_CAPACITY, refs, refAt + AGENT_TEXTS, batch.agentHash[i],
                    batch.agentBytes[i], batch.agentFrom[i], batch.agentTo[i], context.userAgents);
        }
    }

    /** A request this client made through a trusted proxy, which named it in X-Forwarded-For. */
    @SuppressWarnings("unchecked")
    public void recordForwarded(int client, IpAddress proxy) {
        Tier tier = tier(client);
        int index = indexIn(client);
        tier.longs(index)[tier.at(index) + tier.coldAt + FORWARDED]++;
        Object[] refs = tier.refs(index);
        int refAt = tier.refAt(index) + VIA;
        Map<IpAddress, Long> via = (Map<IpAddress, Long>) refs[refAt];
        if (via == null) {
            via = new HashMap<>(4);
            refs[refAt] = via;
        }
        if (via.containsKey(proxy) || via.size() < MAX_PROXIES_LISTED) {
            via.merge(proxy, 1L, Long::sum);
        }
    }

    /** A request this (trusted proxy) client passed on for another client. */
    public void recordRelayed(int client) {
        Tier tier = tier(client);
        int index = indexIn(client);
        tier.longs(index)[tier.at(index) + tier.coldAt + RELAYED]++;
    }

    /** One request of a detailed client in this hour. */
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
    public void flushTally() {
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
            hourLog[hourLogSize++] = offset << LOG_HOUR_SHIFT | Math.min(left, LOG_COUNT_MAX) << CLIENT_BITS | client;
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
        int clients = Math.min(size, detailedClients);
        int[] starts = new int[clients + 1];
        for (int k = 0; k < entries; k++) {
            starts[(int) (hourLog[k] & CLIENT_MASK) + 1]++;
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
            sorted[starts[(int) (entry & CLIENT_MASK)]++] = entry;
        }
        for (int k = 0; k < entries; k++) {
            long entry = sorted[k];
            countHour((int) (entry & CLIENT_MASK), hourLogBase + (entry >> LOG_HOUR_SHIFT),
                    (int) (entry >>> CLIENT_BITS & LOG_COUNT_MAX));
        }
        hourLogSize = 0;
    }

    private void countHour(int client, long hour, int requests) {
        int at = 2 * client;
        long block = series[at];
        if (block == HourlyBlocks.NONE) {
            block = hours.allocate(1);
            series[at] = block;
            series[at + 1] = hour;
        }
        long firstHour = series[at + 1];
        if (hour < firstHour) {
            long shift = firstHour - hour;
            int span = hours.usedSpan(block);
            if (shift + span > ActivityContext.MAX_HOURS) {
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
        int clients = Math.min(size, detailedClients);
        long[] order = new long[clients];
        int count = 0;
        for (int client = 0; client < clients; client++) {
            long block = series[2 * client];
            if (block != HourlyBlocks.NONE) {
                // The block's address above the client's number: sorting orders by address.
                order[count++] = HourlyBlocks.sortKey(block) << CLIENT_BITS | client;
            }
        }
        Arrays.sort(order, 0, count);
        hours.beginCompaction();
        for (int i = 0; i < count; i++) {
            int client = (int) (order[i] & CLIENT_MASK);
            series[2 * client] = hours.slide(series[2 * client]);
        }
        hours.endCompaction();
    }

    private static void increment(long[] r, int at, int counter) {
        r[at + (counter >>> 1)] += 1L << ((counter & 1) << 5);
    }

    private static long counter(long[] r, int at, int counter) {
        return (r[at + (counter >>> 1)] >>> ((counter & 1) << 5)) & 0xFFFF_FFFFL;
    }

    // Reading, for the report (see ClientActivity and ActivityDetail).

    /** {@link #REQUESTS}, {@link #BYTES}, {@link #FIRST_SEEN} or {@link #LAST_SEEN}. */
    long count(int client, int field) {
        Tier tier = tier(client);
        int index = indexIn(client);
        return tier.longs(index)[tier.at(index) + field];
    }

    /** {@link #FORWARDED} or {@link #RELAYED}. */
    long coldCount(int client, int field) {
        Tier tier = tier(client);
        int index = indexIn(client);
        return tier.longs(index)[tier.at(index) + tier.coldAt + field];
    }

    long signalCount(int client, Signal signal) {
        Tier tier = tier(client);
        int index = indexIn(client);
        return counter(tier.longs(index), tier.at(index) + tier.coldAt + SIGNALS, signal.ordinal());
    }

    /** A detailed client's status-class or method counter ({@link #METHODS_AT} + method). */
    long detailCounter(int client, int counter) {
        return counter(detailed.longs(client), detailed.at(client) + COUNTERS, counter);
    }

    Object reference(int client, int field) {
        Tier tier = tier(client);
        int index = indexIn(client);
        return tier.refs(index)[tier.refAt(index) + field];
    }

    java.util.List<TopN.Entry> topPaths(int client) {
        return TopN.entries(detailed.longs(client), detailed.at(client) + PATH_SLOTS, PATH_CAPACITY,
                detailed.refs(client), detailed.refAt(client) + PATH_TEXTS, ActivityContext.TOP_PATHS, context.paths);
    }

    java.util.List<TopN.Entry> topUserAgents(int client) {
        return TopN.entries(detailed.longs(client), detailed.at(client) + AGENT_SLOTS, AGENT_CAPACITY,
                detailed.refs(client), detailed.refAt(client) + AGENT_TEXTS, ActivityContext.TOP_USER_AGENTS,
                context.userAgents);
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

    private Tier tier(int client) {
        return client < detailedClients ? detailed : countsOnly;
    }

    private int indexIn(int client) {
        return client < detailedClients ? client : client - detailedClients;
    }

    /** Records of one shape in pages of {@link #PAGE_SIZE} clients: growing never copies a record. */
    private static final class Tier {
        private static final int PAGE_BITS = 10;
        private static final int PAGE_SIZE = 1 << PAGE_BITS;
        private static final int PAGE_MASK = PAGE_SIZE - 1;

        final int longsPerRecord;
        /** Where the rarely updated counts start in a record. */
        final int coldAt;
        private final int refsPerRecord;
        private long[][] longPages = new long[4][];
        private Object[][] refPages = new Object[4][];

        Tier(int hotLongs, int coldLongs, int refsPerRecord) {
            this.longsPerRecord = hotLongs + coldLongs;
            this.coldAt = hotLongs;
            this.refsPerRecord = refsPerRecord;
        }

        long[] reserve(int index) {
            int page = index >>> PAGE_BITS;
            if (page >= longPages.length) {
                longPages = Arrays.copyOf(longPages, longPages.length * 2);
                refPages = Arrays.copyOf(refPages, refPages.length * 2);
            }
            if (longPages[page] == null) {
                longPages[page] = new long[PAGE_SIZE * longsPerRecord];
                refPages[page] = new Object[PAGE_SIZE * refsPerRecord];
            }
            return longPages[page];
        }

        long[] longs(int index) {
            return longPages[index >>> PAGE_BITS];
        }

        int at(int index) {
            return (index & PAGE_MASK) * longsPerRecord;
        }

        Object[] refs(int index) {
            return refPages[index >>> PAGE_BITS];
        }

        int refAt(int index) {
            return (index & PAGE_MASK) * refsPerRecord;
        }
    }
}
