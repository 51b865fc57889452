package dev.logverdict.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.logverdict.intel.Assessment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSequentialList;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A report brought up to date with answers that arrived after its scan, without the log: its entries are
 * read one at a time, the waiting ones that got an answer take it, and the summary is counted again. An
 * answered entry is never touched again, so a verdict never reverts. The entries stay in a spill file;
 * the changed ones (few: one per answer) are kept in memory and merged into the risk order as the
 * refreshed report is read, so a report on 100 k IPs is never held whole.
 */
public final class ReportRefresh implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Report report;
    private final Path spill;
    private final int answered;
    private final int stillWaiting;

    private ReportRefresh(Report report, Path spill, int answered, int stillWaiting) {
        this.report = report;
        this.spill = spill;
        this.answered = answered;
        this.stillWaiting = stillWaiting;
    }

    /**
     * @param answers      by IP text: the answer each waiting IP takes (others stay waiting)
     * @param closedReason when set, every IP still waiting is closed with this reason (its window ended)
     */
    public static ReportRefresh of(InputStream stored, Map<String, Assessment> answers, String closedReason)
            throws IOException {
        Path spill = Files.createTempFile("logverdict-refresh", ".ndjson");
        try {
            return read(stored, answers, closedReason, spill);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spill);
            throw e;
        }
    }

    private static ReportRefresh read(
            InputStream stored, Map<String, Assessment> answers, String closedReason, Path spill) throws IOException {
        String schemaVersion = Report.SCHEMA_VERSION;
        Report.Source source = null;
        String generatedAt = null;
        Report.Intel intel = null;
        Report.Summary old = null;
        List<Report.Aggregated> aggregated = null;
        List<Report.NonIpClient> nonIpClients = List.of();
        List<Report.IpElsewhere> ipsElsewhere = null;
        List<Report.MalformedLine> malformed = List.of();
        List<Report.IpEntry> changed = new ArrayList<>();
        SummaryCounts counts = new SummaryCounts();
        NetworkCounts networks = new NetworkCounts();
        int answered = 0;
        int waiting = 0;
        long total = 0;
        try (JsonParser parser = JSON.createParser(new BufferedInputStream(stored));
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(spill));
                SequenceWriter spilled =
                        JSON.writer().withRootValueSeparator("\n").writeValues(out)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a report is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "schemaVersion" -> schemaVersion = parser.getValueAsString();
                    case "source" -> source = parser.readValueAs(Report.Source.class);
                    case "generatedAt" -> generatedAt = parser.getValueAsString();
                    case "intel" -> intel = parser.readValueAs(Report.Intel.class);
                    case "summary" -> old = parser.readValueAs(Report.Summary.class);
                    case "networks" -> parser.skipChildren(); // counted again from the entries
                    case "aggregated" -> aggregated = List.of(parser.readValueAs(Report.Aggregated[].class));
                    case "nonIpClients" -> nonIpClients = List.of(parser.readValueAs(Report.NonIpClient[].class));
                    case "ipsElsewhere" -> ipsElsewhere = List.of(parser.readValueAs(Report.IpElsewhere[].class));
                    case "malformedSamples" -> malformed = List.of(parser.readValueAs(Report.MalformedLine[].class));
                    case "ips" -> {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            Report.IpEntry entry = parser.readValueAs(Report.IpEntry.class);
                            total++;
                            if (isWaiting(entry)) {
                                Assessment answer = answers.get(entry.ip());
                                if (answer != null && answer.wasChecked()) {
                                    Report.IpEntry updated = withAnswer(entry, answer);
                                    changed.add(updated);
                                    counts.add(
                                            "public".equals(updated.scope()),
                                            updated.lookup().status(),
                                            updated.verdict(),
                                            updated.lookup().source());
                                    networks.add(updated.network(), updated.requests(), updated.verdict());
                                    answered++;
                                    continue;
                                }
                                if (closedReason != null) {
                                    entry = withLookup(entry, new Report.Lookup("deferred", closedReason, null));
                                } else {
                                    waiting++;
                                }
                            }
                            counts.add(
                                    "public".equals(entry.scope()),
                                    entry.lookup() == null
                                            ? null
                                            : entry.lookup().status(),
                                    entry.verdict(),
                                    entry.lookup() == null
                                            ? null
                                            : entry.lookup().source());
                            networks.add(entry.network(), entry.requests(), entry.verdict());
                            spilled.write(entry);
                        }
                    }
                    default -> parser.skipChildren(); // outputs are written anew; unknown fields are not ours
                }
            }
        }
        if (source == null || old == null || intel == null) {
            throw new IOException("not a logverdict report: source, intel or summary is missing");
        }
        changed.sort(ReportBuilder.ENTRY_RISK);
        Report.Summary summary =
                counts.summary(old.lines(), old.parsedLines(), old.malformedLines(), old.uniqueIps(), old.truncated());
        Report report = new Report(
                schemaVersion,
                source,
                generatedAt,
                intel,
                summary,
                networks.top(),
                new MergedEntries(spill, changed, total),
                aggregated,
                nonIpClients,
                ipsElsewhere,
                malformed,
                null);
        return new ReportRefresh(report, spill, answered, waiting);
    }

    /** The refreshed report; its {@code ips} are read from the spill file each time they are walked. */
    public Report report() {
        return report;
    }

    /** Waiting IPs that took an answer in this refresh. */
    public int answered() {
        return answered;
    }

    /** IPs still waiting after it. */
    public int stillWaiting() {
        return stillWaiting;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(spill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A public IP nobody has answered yet: deferred (quota, time) or a failed lookup. */
    static boolean isWaiting(Report.IpEntry entry) {
        return "public".equals(entry.scope())
                && "not_checked".equals(entry.verdict())
                && entry.lookup() != null
                && ("deferred".equals(entry.lookup().status())
                        || "error".equals(entry.lookup().status()));
    }

    private static Report.IpEntry withAnswer(Report.IpEntry e, Assessment answer) {
        return new Report.IpEntry(
                e.ip(),
                e.version(),
                e.scope(),
                e.requests(),
                e.firstSeen(),
                e.lastSeen(),
                answer.verdict().label(),
                new Report.Lookup(
                        answer.status().label(),
                        answer.reason(),
                        answer.source(),
                        answer.checkedAt() == null ? null : answer.checkedAt().toString()),
                ReportBuilder.virusTotal(e.ip(), answer.reputation()),
                e.proxy(),
                e.relayedRequests(),
                e.activity(),
                e.signals(),
                e.infrastructure(),
                e.labels(),
                e.network(),
                ReportBuilder.abuseIpDb(e.ip(), answer),
                ReportBuilder.providerAnswers(answer));
    }

    private static Report.IpEntry withLookup(Report.IpEntry e, Report.Lookup lookup) {
        return new Report.IpEntry(
                e.ip(),
                e.version(),
                e.scope(),
                e.requests(),
                e.firstSeen(),
                e.lastSeen(),
                e.verdict(),
                lookup,
                e.virustotal(),
                e.proxy(),
                e.relayedRequests(),
                e.activity(),
                e.signals(),
                e.infrastructure(),
                e.labels(),
                e.network(),
                e.abuseipdb(),
                e.providers());
    }

    /** The unchanged entries (in risk order in the spill file) merged with the changed ones, in risk order. */
    private static final class MergedEntries extends AbstractSequentialList<Report.IpEntry> {
        private final Path spill;
        private final List<Report.IpEntry> changed;
        private final int size;

        MergedEntries(Path spill, List<Report.IpEntry> changed, long size) {
            this.spill = spill;
            this.changed = changed;
            this.size = (int) Math.min(Integer.MAX_VALUE, size);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public ListIterator<Report.IpEntry> listIterator(int index) {
            if (index != 0) {
                throw new UnsupportedOperationException("the refreshed entries are read in order");
            }
            MappingIterator<Report.IpEntry> unchanged;
            try {
                unchanged = JSON.readerFor(Report.IpEntry.class).readValues(Files.newInputStream(spill));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new MergingIterator(unchanged, changed);
        }
    }

    private static final class MergingIterator implements ListIterator<Report.IpEntry> {
        private final MappingIterator<Report.IpEntry> unchanged;
        private final List<Report.IpEntry> changed;
        private Report.IpEntry nextUnchanged;
        private int nextChanged;
        private int index;

        MergingIterator(MappingIterator<Report.IpEntry> unchanged, List<Report.IpEntry> changed) {
            this.unchanged = unchanged;
            this.changed = changed;
            this.nextUnchanged = unchanged.hasNext() ? unchanged.next() : null;
        }

        @Override
        public boolean hasNext() {
            boolean more = nextUnchanged != null || nextChanged < changed.size();
            if (!more) {
                try {
                    unchanged.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return more;
        }

        @Override
        public Report.IpEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            index++;
            if (nextChanged < changed.size()
                    && (nextUnchanged == null
                            || ReportBuilder.ENTRY_RISK.compare(changed.get(nextChanged), nextUnchanged) <= 0)) {
                return changed.get(nextChanged++);
            }
            Report.IpEntry entry = nextUnchanged;
            nextUnchanged = unchanged.hasNext() ? unchanged.next() : null;
            return entry;
        }

        @Override
        public int nextIndex() {
            return index;
        }

        @Override
        public boolean hasPrevious() {
            return false;
        }

        @Override
        public Report.IpEntry previous() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int previousIndex() {
            return index - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void set(Report.IpEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(Report.IpEntry entry) {
            throw new UnsupportedOperationException();
        }
    }
}
