package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.bytes.ByteSlice;
import dev.logverdict.log.format.ParsedLine;
import dev.logverdict.log.format.Tokens;

import java.util.Arrays;

/**
 * Requests parsed but not yet counted against their clients, as parallel arrays. Counting is what misses
 * the cache (a client record, its top-N slots, its hourly series: one random place each in tens of MB);
 * done one line at a time, every miss waited behind a line's parsing. Counted back to back, the processor
 * overlaps the misses of consecutive requests. Text offsets point into the line buffer, so a batch is
 * counted before that buffer is reused, and lines stay in log order (the results depend on it).
 */
public final class RequestBatch {

    static final int CAPACITY = 256;

    public final long[] clientHigh = new long[CAPACITY];
    public final long[] clientLow = new long[CAPACITY];
    public final int[] clientVersion = new int[CAPACITY];
    /** The keyed hash of the client's bits, where the client table looks: computed once, used twice. */
    public final int[] clientHash = new int[CAPACITY];
    /** The trusted proxy that named the client in X-Forwarded-For, or null for a direct request. */
    public final IpAddress[] viaProxy = new IpAddress[CAPACITY];
    /** Filled when the batch is counted: the client's number, and the proxy's (or -1). */
    public final int[] client = new int[CAPACITY];

    public final int[] proxyClient = new int[CAPACITY];
    /** Filled by {@link ClientStore#prefetch}: where each client's record is, and the offset of its hot part's last word. */
    final long[][] recordPage = new long[CAPACITY][];

    final int[] recordAt = new int[CAPACITY];
    final int[] recordSpan = new int[CAPACITY];
    final long[] epochSecond = new long[CAPACITY];
    /** Hours since the epoch, for the hourly series; meaningless where there is no time. */
    final long[] hour = new long[CAPACITY];

    final long[] responseBytes = new long[CAPACITY];
    final int[] status = new int[CAPACITY];
    final int[] method = new int[CAPACITY];
    final long[] signals = new long[CAPACITY];
    final long[] pathHash = new long[CAPACITY];
    final byte[][] pathBytes = new byte[CAPACITY][];
    final int[] pathFrom = new int[CAPACITY];
    /** The path's end without the query string: top paths are counted by path. */
    final int[] pathEnd = new int[CAPACITY];

    final long[] agentHash = new long[CAPACITY];
    final byte[][] agentBytes = new byte[CAPACITY][];
    final int[] agentFrom = new int[CAPACITY];
    final int[] agentTo = new int[CAPACITY];
    public int size;

    public boolean isFull() {
        return size == CAPACITY;
    }

    /**
     * Queues one request of the client with these address bits (see {@link IpAddress}), through
     * {@code proxy} or null, with the line's fields.
     */
    public void add(long high, long low, int version, IpAddress proxy, ParsedLine line, ActivityContext context) {
        int i = size++;
        clientHigh[i] = high;
        clientLow[i] = low;
        clientVersion[i] = version;
        clientHash[i] = context.addresses.of(high, low, version);
        viaProxy[i] = proxy;
        epochSecond[i] = line.epochSecond();
        hour[i] = hourOf(line.epochSecond());
        responseBytes[i] = line.responseBytes();
        status[i] = line.status();
        method[i] = ActivityContext.methodIndex(line.method());
        long found = 0;
        ByteSlice path = line.path();
        if (path.isPresent()) {
            // Hashed once, for the signal cache and the top-N slots alike.
            int query = Tokens.indexOf(path.bytes(), path.from(), path.to(), (byte) '?');
            int end = query < 0 ? path.to() : query;
            found |= context.signals.ofTarget(path.bytes(), path.from(), end, path.to());
            pathHash[i] = context.signals.lastHash();
            pathBytes[i] = path.bytes();
            pathFrom[i] = path.from();
            pathEnd[i] = end;
        } else {
            pathHash[i] = 0;
            pathBytes[i] = null;
        }
        ByteSlice agent = line.userAgent();
        if (agent.isPresent()) {
            found |= context.signals.ofUserAgent(agent);
            agentHash[i] = context.signals.lastHash();
            agentBytes[i] = agent.bytes();
            agentFrom[i] = agent.from();
            agentTo[i] = agent.to();
        } else {
            agentHash[i] = 0;
            agentBytes[i] = null;
        }
        signals[i] = found;
    }

    private long currentHour = Long.MIN_VALUE;
    private long currentHourStart = Long.MAX_VALUE;

    /**
     * Lines come in time order, so the hour is usually the last line's: two comparisons instead of a
     * 64-bit division, which the client JIT does not turn into a multiplication.
     */
    private long hourOf(long epochSecond) {
        if (epochSecond >= currentHourStart && epochSecond - currentHourStart < 3600) {
            return currentHour;
        }
        if (epochSecond == ParsedLine.NO_TIMESTAMP) {
            return 0;
        }
        currentHour = Math.floorDiv(epochSecond, 3600);
        currentHourStart = currentHour * 3600;
        return currentHour;
    }

    public void clear() {
        // Drop the references so a batch never pins an old line buffer or a decoded JSON value.
        Arrays.fill(viaProxy, 0, size, null);
        Arrays.fill(pathBytes, 0, size, null);
        Arrays.fill(agentBytes, 0, size, null);
        size = 0;
    }
}
