package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a log once and keeps only per-client state: memory grows with unique clients, never with the
 * file. Gzip is recognised by its magic bytes, not the object's name.
 */
public final class LogScanner {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final ScanLimits limits;

    public LogScanner(ScanLimits limits) {
        this.limits = limits;
    }

    public TrafficScan scan(InputStream raw) throws IOException {
        Accumulator accumulator = new Accumulator(limits);
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        String inputError = null;
        LineReader reader = new LineReader(isGzip(buffered) ? new GZIPInputStream(buffered, 64 * 1024) : buffered,
                limits.maxLineBytes());
        try {
            reader.forEachLine(accumulator::accept);
        } catch (ZipException | EOFException e) {
            // A corrupt or cut-off archive is the input's fault: report what was read and say where it stopped.
            inputError = "compressed input is corrupt or truncated after " + reader.bytesRead()
                    + " uncompressed bytes (" + e.getClass().getSimpleName() + ")";
        }
        return accumulator.result(reader.bytesRead(), inputError);
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    private static final class Accumulator {
        private final ScanLimits limits;
        private final ParsedLine line = new ParsedLine();
        private final Map<IpAddress, ClientActivity> clients = new HashMap<>();
        private final Map<String, Long> nonIpClients = new HashMap<>();
        private final List<MalformedSample> samples = new ArrayList<>();
        private final Map<LogFormat, Long> formats = new EnumMap<>(LogFormat.class);
        private long lines;
        private long malformed;
        private long droppedNonIpClients;

        Accumulator(ScanLimits limits) {
            this.limits = limits;
        }

        void accept(byte[] bytes, int from, int to, boolean overlong) {
            lines++;
            if (to == from) {
                malformed("empty line", bytes, from, to);
                return;
            }
            AccessLogLineParser.parse(bytes, from, to, line);
            if (line.hasClient()) {
                recordClient(bytes);
            }
            String problem = overlong ? "line longer than " + limits.maxLineBytes() + " bytes; the rest was skipped"
                    : line.malformedReason();
            if (problem != null) {
                malformed(problem, bytes, from, to);
            } else {
                formats.merge(line.format(), 1L, Long::sum);
            }
        }

        private void recordClient(byte[] bytes) {
            int clientFrom = line.clientFrom();
            int clientTo = line.clientTo();
            IpAddress address = IpAddressParser.parseClientField(bytes, clientFrom, clientTo);
            if (address != null) {
                clients.computeIfAbsent(address, ignored -> new ClientActivity()).record(line.epochSecond());
            } else if (HostnameSyntax.isHostname(bytes, clientFrom, clientTo)) {
                String host = new String(bytes, clientFrom, clientTo - clientFrom, StandardCharsets.US_ASCII);
                if (nonIpClients.containsKey(host) || nonIpClients.size() < limits.maxNonIpClients()) {
                    nonIpClients.merge(host, 1L, Long::sum);
                } else {
                    droppedNonIpClients++;
                }
            } else if (line.malformedReason() == null) {
                line.malformedReason = "client field is neither an IP address nor a host name";
            }
        }

        private void malformed(String reason, byte[] bytes, int from, int to) {
            malformed++;
            if (samples.size() < limits.malformedSamples()) {
                samples.add(new MalformedSample(lines, reason, Excerpts.of(bytes, from, to)));
            }
        }

        TrafficScan result(long bytesRead, String inputError) {
            List<String> truncated = new ArrayList<>();
            if (droppedNonIpClients > 0) {
                truncated.add("nonIpClients: kept the first " + limits.maxNonIpClients() + " distinct values; "
                        + droppedNonIpClients + " requests from further host names are not listed");
            }
            LogFormat format = formats.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(LogFormat.UNKNOWN);
            long parsed = lines - malformed;
            return new TrafficScan(lines, parsed, malformed, bytesRead, format, clients, nonIpClients, samples,
                    truncated, inputError);
        }
    }
}
