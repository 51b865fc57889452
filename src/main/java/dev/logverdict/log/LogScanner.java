package dev.logverdict.log;

import dev.logverdict.ip.ForwardedChain;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.activity.ActivityContext;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.log.activity.ClientIndex;
import dev.logverdict.log.activity.ClientStore;
import dev.logverdict.log.activity.RequestBatch;
import dev.logverdict.log.bytes.ByteSlice;
import dev.logverdict.log.bytes.Excerpts;
import dev.logverdict.log.bytes.LimitedInputStream;
import dev.logverdict.log.bytes.LineReader;
import dev.logverdict.log.bytes.ReadAheadInputStream;
import dev.logverdict.log.format.FormatDetector;
import dev.logverdict.log.format.HostnameSyntax;
import dev.logverdict.log.format.IpFinder;
import dev.logverdict.log.format.ParsedLine;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a log once and keeps only per-client state: memory grows with unique clients, never with the
 * file. Gzip is recognised by its magic bytes, not the object's name; the format line by line.
 */
public final class LogScanner {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Below this share of well-formed lines the file is reported as format "unknown". */
    private static final double RECOGNISED_SHARE = 0.1;

    private final ScanOptions options;
    private final int hourLogBudget;
    private final boolean besideParsing;

    public LogScanner(ScanOptions options) {
        this(options, ClientStore.HOUR_LOG_BUDGET);
    }

    /** With a smaller hour log, for tests that must see it fill up (see {@link ClientStore}). */
    public LogScanner(ScanOptions options, int hourLogBudget) {
        // On one processor the reading and counting threads would only add hand-overs and copies
        // (docs/performance.md, "Reading ahead and counting on other threads").
        this(options, hourLogBudget, Runtime.getRuntime().availableProcessors() > 1);
    }

    /**
     * @param besideParsing whether reading and counting run on threads of their own beside the parsing;
     *                      the results are the same either way (ScanThreadsTest)
     */
    LogScanner(ScanOptions options, int hourLogBudget, boolean besideParsing) {
        this.options = options;
        this.hourLogBudget = hourLogBudget;
        this.besideParsing = besideParsing;
    }

    public TrafficScan scan(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        InputStream content = isGzip(buffered) ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
        // Both threads end before this returns: the caller closes the object next, and owns the results.
        ReadAheadInputStream ahead = besideParsing ? new ReadAheadInputStream(content) : null;
        try (Accumulator accumulator = new Accumulator(options, hourLogBudget, besideParsing)) {
            LineReader reader = new LineReader(
                    new LimitedInputStream(ahead != null ? ahead : content, options.maxUncompressedBytes()),
                    options.maxLineBytes());
            return scan(accumulator, reader);
        } finally {
            if (ahead != null) {
                ahead.close();
            }
        }
    }

    private TrafficScan scan(Accumulator accumulator, LineReader reader) throws IOException {
        String inputError = null;
        boolean readFailed = false;
        try {
            reader.forEachLine(accumulator);
        } catch (LimitedInputStream.LimitReached e) {
            inputError = "reading stopped after " + options.maxUncompressedBytes()
                    + " uncompressed bytes (logverdict.max-uncompressed-bytes); the rest of the object was not scanned";
            accumulator.truncated.add("input: " + inputError);
        } catch (ZipException | EOFException e) {
            // A corrupt or cut-off archive is the input's fault: report what was read and say where it stopped.
            inputError = "compressed input is corrupt or truncated after " + reader.bytesRead()
                    + " uncompressed bytes (" + e.getClass().getSimpleName() + ")";
        } catch (IOException e) {
            // The store could not deliver the rest (its own resumes exhausted): not the log's fault, so the
            // caller reports what was read and then fails, to be retried.
            inputError =
                    "reading the object failed after " + reader.bytesRead() + " uncompressed bytes: " + e.getMessage();
            readFailed = true;
        }
        return accumulator.result(reader.bytesRead(), inputError, readFailed);
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    private static final class Accumulator implements LineReader.LineConsumer, AutoCloseable {
        private final ScanOptions options;
        private final FormatDetector detector;
        private final ClientStore store;
        private final ClientIndex clients;
        /** Counts the parsed requests in order, on a second thread where there is one (see {@link BatchCounter}). */
        private final BatchCounter counter;

        private final Map<String, Long> nonIpClients = new HashMap<>();
        private final Map<IpAddress, Long> ipsElsewhere = new HashMap<>();
        private final List<MalformedSample> samples = new ArrayList<>();
        /** Lines per format, by ordinal: a per-line map update would box a Long on every line. */
        private final long[] formatLines = new long[LogFormat.values().length];

        private final ActivityContext context = new ActivityContext(new SecureRandom());
        /** Where the parser writes a client address's bits (see {@link IpAddressParser#parseClientField}). */
        private final long[] clientBits = new long[2];

        private final List<String> truncated = new ArrayList<>();
        private long lines;
        private long malformed;
        private long directives;
        private long droppedNonIpClients;
        private long droppedIpsElsewhere;

        Accumulator(ScanOptions options, int hourLogBudget, boolean countingThread) {
            this.options = options;
            this.detector = new FormatDetector(options.format(), options.jsonClientField());
            this.store = new ClientStore(options.maxDetailedIps(), context, hourLogBudget);
            this.clients = new ClientIndex(store, context.addresses, options.maxTrackedIps());
            this.counter = new BatchCounter(store, clients, countingThread);
        }

        /** Stops the counting thread, also when the scan ends in an exception. */
        @Override
        public void close() {
            counter.close();
        }

        @Override
        public void accept(byte[] bytes, int from, int to, boolean overlong) {
            lines++;
            if (to == from) {
                malformed("empty line", bytes, from, to);
                return;
            }
            ParsedLine line = detector.parse(bytes, from, to);
            if (line.isDirective()) {
                directives++;
                return;
            }
            if (line.client().isPresent()) {
                recordClient(line);
            }
            if (options.scanAllFields()) {
                IpFinder.findAll(line.path(), this::recordElsewhere);
                IpFinder.findAll(line.referer(), this::recordElsewhere);
            }
            String problem = overlong
                    ? "line longer than " + options.maxLineBytes() + " bytes; the rest was skipped"
                    : line.malformedReason();
            if (problem != null) {
                malformed(problem, bytes, from, to);
            } else {
                formatLines[line.format().ordinal()]++;
            }
        }

        private void recordClient(ParsedLine line) {
            ByteSlice client = line.client();
            ByteSlice xff = line.forwardedFor();
            // A line without a forwarding header, the usual one, is queued without an address object: a plain
            // IPv4 client through the dotted-quad shortcut, any other through the parser's bits.
            long v4 = xff.isPresent() ? -1 : IpAddressParser.dottedQuad(client.bytes(), client.from(), client.to());
            if (v4 >= 0) {
                queue(0, v4, 4, null, line);
                return;
            }
            int version = IpAddressParser.parseClientField(client.bytes(), client.from(), client.to(), clientBits);
            if (version != 0 && !xff.isPresent()) {
                queue(clientBits[0], clientBits[1], version, null, line);
            } else if (version != 0) {
                IpAddress direct = new IpAddress(clientBits[0], clientBits[1], version);
                IpAddress origin =
                        ForwardedChain.origin(direct, xff.bytes(), xff.from(), xff.to(), options.trustedProxies());
                queue(origin.high(), origin.low(), origin.version(), origin.equals(direct) ? null : direct, line);
            } else if (HostnameSyntax.isHostname(client.bytes(), client.from(), client.to())) {
                String host = client.asString();
                if (nonIpClients.containsKey(host) || nonIpClients.size() < options.maxNonIpClients()) {
                    nonIpClients.merge(host, 1L, Long::sum);
                } else {
                    droppedNonIpClients++;
                }
            } else if (!line.isMalformed()) {
                line.malformed("client field is neither an IP address nor a host name");
            }
        }

        private void queue(long high, long low, int version, IpAddress proxy, ParsedLine line) {
            RequestBatch pending = counter.filling();
            pending.add(high, low, version, proxy, line, context);
            if (pending.isFull()) {
                counter.submit();
            }
        }

        @Override
        public void endOfChunk() {
            // The line buffer is about to be overwritten, and the queued requests point into it.
            counter.awaitCounted();
        }

        private void recordElsewhere(IpAddress address) {
            if (ipsElsewhere.containsKey(address) || ipsElsewhere.size() < options.maxIpsElsewhere()) {
                ipsElsewhere.merge(address, 1L, Long::sum);
            } else {
                droppedIpsElsewhere++;
            }
        }

        private void malformed(String reason, byte[] bytes, int from, int to) {
            malformed++;
            if (samples.size() < options.malformedSamples()) {
                samples.add(new MalformedSample(lines, reason, Excerpts.of(bytes, from, to)));
            }
        }

        TrafficScan result(long bytesRead, String inputError, boolean readFailed) {
            // A read that failed mid-chunk leaves queued requests whose lines are still in the buffer.
            counter.awaitCounted();
            counter.close();
            store.flushTally();
            Map<String, ClientActivity> aggregated = clients.networks();
            Optional<ClientActivity> untracked = clients.untracked();
            long countsOnly = Math.max(0, clients.size() - (long) store.detailedClients());
            if (!aggregated.isEmpty()) {
                truncated.add(
                        "clients: " + options.maxTrackedIps() + " addresses counted one by one; later ones are counted"
                                + " by network (/64 for IPv6, /24 for IPv4): " + aggregated.size() + " networks with "
                                + aggregated.values().stream()
                                        .mapToLong(ClientActivity::requests)
                                        .sum() + " requests, in 'aggregated'");
            }
            untracked.ifPresent(
                    rest -> truncated.add("clients: past " + ClientIndex.MAX_NETWORKS + " networks, " + rest.requests()
                            + " requests of further networks are counted together, in 'aggregated' as 'untracked'"));
            if (countsOnly > 0) {
                truncated.add("activity: detail (statuses, methods, top paths and agents, hourly) kept for the first "
                        + store.detailedClients() + " IPs; " + countsOnly
                        + " more IPs have counts, times and signals only");
            }
            if (context.hourlyDropped > 0) {
                truncated.add("hourly: " + context.hourlyDropped + " requests fell outside an IP's "
                        + ActivityContext.MAX_HOURS + "-hour window or past the series' memory bound and are not"
                        + " charted (still counted)");
            }
            if (droppedNonIpClients > 0) {
                truncated.add("nonIpClients: kept the first " + options.maxNonIpClients() + " distinct values; "
                        + droppedNonIpClients + " requests from further host names are not listed");
            }
            if (droppedIpsElsewhere > 0) {
                truncated.add("ipsElsewhere: kept the first " + options.maxIpsElsewhere() + " distinct addresses; "
                        + droppedIpsElsewhere + " further occurrences are not listed");
            }
            Map<LogFormat, Long> formats = new EnumMap<>(LogFormat.class);
            for (LogFormat each : LogFormat.values()) {
                if (formatLines[each.ordinal()] > 0) {
                    formats.put(each, formatLines[each.ordinal()]);
                }
            }
            long parsed = lines - malformed;
            long requestLines = parsed - directives;
            LogFormat format = formats.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .filter(f -> requestLines > 0 && requestLines >= RECOGNISED_SHARE * (lines - directives))
                    .orElse(LogFormat.UNKNOWN);
            Map<String, ClientActivity> aggregatedWithRest = new LinkedHashMap<>(aggregated);
            untracked.ifPresent(rest -> aggregatedWithRest.put(TrafficScan.UNTRACKED, rest));
            return new TrafficScan(
                    lines,
                    parsed,
                    malformed,
                    bytesRead,
                    format,
                    formats,
                    clients,
                    aggregatedWithRest,
                    nonIpClients,
                    ipsElsewhere,
                    samples,
                    truncated,
                    inputError,
                    readFailed);
        }
    }
}
