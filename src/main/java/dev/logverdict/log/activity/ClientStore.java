package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.format.ParsedLine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every client's accumulators in flat, paged primitive arrays. A log line updates one contiguous record
 * (counts, status and method counters, top-N slots) found by index arithmetic, instead of following
 * pointers through half a dozen objects: the record's cache misses then overlap instead of waiting one
 * behind the other, which is what the scan's per-line cost was made of. Clients are numbered in order of
 * first appearance; the first {@code detailedClients} get the detailed record, the rest counts only; how
 * many there are at most is the {@link ClientIndex}'s cap.
 */
public final class ClientStore {

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
    static final int CLIENT_BITS = 24;

    static final long CLIENT_MASK = (1L << CLIENT_BITS) - 1;
    /** More detailed clients than this would need gigabytes; the cap keeps client numbers in CLIENT_BITS. */
    static final int MAX_DETAILED = 1 << CLIENT_BITS;
    /** Client-hours logged before they are sorted into the series: 4 MB of log and as much to sort it into. */
    public static final int HOUR_LOG_BUDGET = 1 << 19;

    private final int detailedClients;
    private final ActivityContext context;
    private final Tier detailed = new Tier(DETAIL_HOT_LONGS, COLD_LONGS, DETAIL_REFS);
    private final Tier countsOnly = new Tier(HOT_COUNTS, COLD_LONGS, 1);
    private final HourlySeries hourlySeries;
    private final TopN topPaths;
    private final TopN topAgents;
    private int size;
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
        this.hourlySeries = new HourlySeries(context, hourLogBudget, HourlySeries.MAX_BUCKETS);
        this.topPaths = new TopN(PATH_SLOTS, PATH_CAPACITY, PATH_TEXTS, ActivityContext.TOP_PATHS, context.paths);
        this.topAgents =
                new TopN(AGENT_SLOTS, AGENT_CAPACITY, AGENT_TEXTS, ActivityContext.TOP_USER_AGENTS, context.userAgents);
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
            hourlySeries.add(client);
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
            sum += r[at]
                    + r[Math.min(at + 8, last)]
                    + r[Math.min(at + 16, last)]
                    + r[Math.min(at + 24, last)]
                    + r[last];
        }
        // A top-N miss looks its text up in a table of megabytes: read those slots ahead too, and the client's
        // hour tally (hundreds of KB, read by every request). Only detailed clients have either; past the cap
        // these loads would be work for nothing.
        SharedTexts paths = context.paths;
        SharedTexts agents = context.userAgents;
        for (int i = 0; i < size; i++) {
            int client = batch.client[i];
            if (client < detailedClients) {
                sum += paths.touch(batch.pathHash[i]) + agents.touch(batch.agentHash[i]) + hourlySeries.tallyOf(client);
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
                hourlySeries.count(client, batch.hour[i]);
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
            topPaths.add(
                    r, at, refs, refAt, batch.pathHash[i], batch.pathBytes[i], batch.pathFrom[i], batch.pathEnd[i]);
        }
        if (batch.agentHash[i] != 0) {
            topAgents.add(
                    r, at, refs, refAt, batch.agentHash[i], batch.agentBytes[i], batch.agentFrom[i], batch.agentTo[i]);
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

    /** Adds everything tallied to the hourly series; to be called before they are read. */
    public void flushTally() {
        hourlySeries.flush();
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

    List<TopN.Entry> topPaths(int client) {
        return topPaths.entries(
                detailed.longs(client), detailed.at(client), detailed.refs(client), detailed.refAt(client));
    }

    List<TopN.Entry> topUserAgents(int client) {
        return topAgents.entries(
                detailed.longs(client), detailed.at(client), detailed.refs(client), detailed.refAt(client));
    }

    long firstHour(int client) {
        return hourlySeries.firstHour(client);
    }

    /** Requests per hour from {@link #firstHour}, up to the last non-zero hour; null when no request had a time. */
    int[] hourly(int client) {
        return hourlySeries.hourly(client);
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
