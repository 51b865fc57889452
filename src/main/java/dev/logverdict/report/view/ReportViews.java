package dev.logverdict.report.view;

import dev.logverdict.intel.Verdict;
import dev.logverdict.report.Report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a report into what the HTML page shows: headline cards, the ranked table, charts and gaps. */
public final class ReportViews {

    static final int CHART_WIDTH = 360;
    static final int CHART_HEIGHT = 60;
    static final int CHARTED_CLIENTS = 5;
    static final int NOT_CHECKED_SAMPLE = 10;
    static final int TOP_VALUES = 3;

    private ReportViews() {}

    /**
     * @param jsonKey  the JSON report's key, quoted on the page
     * @param maxRows the ranked table stops here (the JSON holds every IP); charts and the not-checked list
     *                still look at all the risky IPs
     */
    /** The busiest {@code maxRows} aggregated networks, as the report orders them. */
    private static List<ReportView.AggregatedRow> aggregatedRows(Report report, int maxRows) {
        if (report.aggregated() == null) {
            return List.of();
        }
        return report.aggregated().stream()
                .limit(maxRows)
                .map(a -> new ReportView.AggregatedRow(
                        a.network(),
                        a.requests(),
                        a.signals() == null
                                ? ""
                                : a.signals().entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", ")),
                        a.blocklist() == null ? "" : a.blocklist(),
                        a.asn() == null
                                ? ""
                                : "AS" + a.asn().asn() + " " + a.asn().name() + " ("
                                        + a.asn().country() + ")",
                        a.firstSeen() == null ? "" : a.firstSeen(),
                        a.lastSeen() == null ? "" : a.lastSeen()))
                .toList();
    }

    public static ReportView of(Report report, int maxRows, String jsonName) {
        Report.Summary summary = report.summary();
        List<ReportView.Row> rows =
                new ArrayList<>(Math.min(maxRows, report.ips().size()));
        List<ReportView.Chart> charts = new ArrayList<>();
        Map<String, NotCheckedGroup> notChecked = new LinkedHashMap<>();
        int rank = 0;
        for (Report.IpEntry entry : report.ips()) {
            rank++;
            boolean risky = isRisky(entry.verdict());
            boolean unchecked = Verdict.NOT_CHECKED.label().equals(entry.verdict()) && "public".equals(entry.scope());
            if (rank > maxRows && !risky && !unchecked) {
                break; // past the table, and the report ranks risky, then unchecked public IPs first
            }
            if (rank <= maxRows) {
                rows.add(row(rank, entry));
            }
            if (risky && charts.size() < CHARTED_CLIENTS) {
                chart(entry).ifPresent(charts::add);
            }
            if (unchecked) {
                String status =
                        entry.lookup() == null ? "not_checked" : entry.lookup().status();
                String reason = entry.lookup() == null || entry.lookup().reason() == null
                        ? ""
                        : entry.lookup().reason();
                notChecked
                        .computeIfAbsent(status + "\u0000" + reason, k -> new NotCheckedGroup(status, reason))
                        .add(entry.ip());
            }
        }
        return new ReportView(
                report.source().key(),
                "s3://" + report.source().bucket() + "/" + report.source().key(),
                report.generatedAt(),
                report.source().format(),
                report.intel().virustotal(),
                jsonName,
                cards(summary),
                coverage(summary),
                rows,
                report.ips().size(),
                report.ips().size() > rows.size(),
                charts,
                notChecked.values().stream().map(NotCheckedGroup::toView).toList(),
                summary.uniqueIps() - summary.publicIps(),
                notes(report),
                report.malformedSamples().stream()
                        .map(m -> new ReportView.Malformed(m.lineNumber(), m.reason(), m.excerpt()))
                        .toList(),
                report.networks() == null
                        ? List.of()
                        : report.networks().stream()
                                .map(n -> new ReportView.NetworkRow(
                                        "AS" + n.asn(), n.name(), n.country(), n.requests(), n.ips(), n.maliciousIps()))
                                .toList(),
                aggregatedRows(report, maxRows),
                report.intel().sources() == null
                        ? List.of()
                        : report.intel().sources().stream()
                                .map(s -> new ReportView.SourceRow(
                                        s.id(),
                                        s.kind(),
                                        s.state(),
                                        s.fetchedAt() == null ? "" : s.fetchedAt(),
                                        s.entries(),
                                        s.matchedIps(),
                                        s.reason() == null ? "" : s.reason()))
                                .toList());
    }

    private static boolean isRisky(String verdict) {
        return Verdict.MALICIOUS.label().equals(verdict)
                || Verdict.SUSPICIOUS.label().equals(verdict);
    }

    private static List<ReportView.Card> cards(Report.Summary summary) {
        return List.of(
                new ReportView.Card(
                        "Malicious IPs", Long.toString(summary.malicious()), summary.malicious() > 0 ? "bad" : "ok"),
                new ReportView.Card(
                        "Suspicious IPs",
                        Long.toString(summary.suspicious()),
                        summary.suspicious() > 0 ? "warn" : "ok"),
                new ReportView.Card("Public IPs", Long.toString(summary.publicIps()), "neutral"),
                new ReportView.Card(
                        "Not checked", Long.toString(summary.notChecked()), summary.notChecked() > 0 ? "warn" : "ok"),
                new ReportView.Card("Unique IPs", Long.toString(summary.uniqueIps()), "neutral"),
                new ReportView.Card(
                        "Lines",
                        summary.lines() + " (" + summary.malformedLines() + " malformed)",
                        summary.malformedLines() > 0 ? "warn" : "neutral"));
    }

    private static ReportView.Coverage coverage(Report.Summary summary) {
        double ratio = summary.coverage();
        return new ReportView.Coverage(
                summary.publicIps(),
                summary.lookedUp(),
                summary.fromCache(),
                summary.fromFeeds(),
                summary.notChecked(),
                String.format(Locale.ROOT, "%.1f %%", ratio * 100),
                (int) Math.round(ratio * 100));
    }

    private static ReportView.Row row(int rank, Report.IpEntry entry) {
        Report.VirusTotal vt = entry.virustotal();
        Report.Activity activity = entry.activity();
        return new ReportView.Row(
                rank,
                entry.ip(),
                entry.verdict(),
                entry.scope(),
                entry.requests(),
                activity == null ? "" : humanBytes(activity.bytes()),
                vt == null
                        ? ""
                        : vt.malicious() + " / " + (vt.malicious() + vt.suspicious() + vt.harmless() + vt.undetected()),
                source(entry),
                entry.signals() == null
                        ? ""
                        : entry.signals().entrySet().stream()
                                .map(s -> s.getKey() + " ×" + s.getValue())
                                .collect(Collectors.joining(", ")),
                top(activity == null ? null : activity.topPaths()),
                top(activity == null ? null : activity.topUserAgents()),
                vt == null || vt.link() == null ? virusTotalLink(entry) : vt.link(),
                entry.firstSeen() == null ? "" : entry.firstSeen(),
                entry.lastSeen() == null ? "" : entry.lastSeen(),
                entry.network() == null
                        ? ""
                        : "AS" + entry.network().asn() + " " + entry.network().name() + " ("
                                + entry.network().country() + ")",
                entry.infrastructure() == null ? "" : infrastructure(entry.infrastructure()),
                entry.labels() == null ? "" : String.join(", ", entry.labels()),
                entry.abuseipdb() == null
                        ? ""
                        : entry.abuseipdb().abuseConfidenceScore() + " % ("
                                + entry.abuseipdb().totalReports() + " reports"
                                + (Boolean.TRUE.equals(entry.abuseipdb().isWhitelisted()) ? ", whitelisted" : "") + ")",
                entry.abuseipdb() == null ? "" : entry.abuseipdb().link());
    }

    private static String infrastructure(Report.Infrastructure infrastructure) {
        String who = infrastructure.service() == null
                ? infrastructure.provider()
                : infrastructure.provider() + "/" + infrastructure.service();
        return who + ": " + infrastructure.note();
    }

    /** Only public addresses get a VirusTotal link: a private one means nothing there. */
    private static String virusTotalLink(Report.IpEntry entry) {
        return "public".equals(entry.scope()) ? "https://www.virustotal.com/gui/ip-address/" + entry.ip() : "";
    }

    private static String source(Report.IpEntry entry) {
        if (entry.lookup() == null) {
            return "";
        }
        String status = entry.lookup().status();
        return entry.lookup().source() == null
                ? status
                : status + ": " + entry.lookup().source();
    }

    private static List<String> top(List<Report.Counted> counted) {
        return counted == null
                ? List.of()
                : counted.stream()
                        .limit(TOP_VALUES)
                        .map(value -> value.value() + " (" + value.count() + ")")
                        .toList();
    }

    private static Optional<ReportView.Chart> chart(Report.IpEntry entry) {
        if (entry.activity() == null || entry.activity().hourly() == null) {
            return Optional.empty();
        }
        Report.Hourly hourly = entry.activity().hourly();
        int[] counts = hourly.counts();
        if (counts.length == 0) {
            return Optional.empty();
        }
        long peak = 1;
        for (int count : counts) {
            peak = Math.max(peak, count);
        }
        StringBuilder points = new StringBuilder();
        int steps = Math.max(1, counts.length - 1);
        for (int hour = 0; hour < counts.length; hour++) {
            double x = counts.length == 1 ? CHART_WIDTH / 2.0 : hour * (double) CHART_WIDTH / steps;
            double y = CHART_HEIGHT - counts[hour] * (double) (CHART_HEIGHT - 2) / peak - 1;
            if (hour > 0) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        Instant start = Instant.parse(hourly.start());
        return Optional.of(new ReportView.Chart(
                entry.ip(),
                entry.verdict(),
                points.toString(),
                CHART_WIDTH,
                CHART_HEIGHT,
                start.toString(),
                start.plus(counts.length, ChronoUnit.HOURS).toString(),
                peak,
                entry.requests()));
    }

    private static List<String> notes(Report report) {
        List<String> notes = new ArrayList<>();
        if (report.summary().truncated() != null) {
            notes.addAll(report.summary().truncated());
        }
        if (report.source().readError() != null) {
            notes.add("The log was not read to the end: " + report.source().readError());
        }
        if (report.intel().cache() != null && report.intel().cache().error() != null) {
            notes.add("Verdict cache unavailable: " + report.intel().cache().error());
        }
        return notes;
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static final class NotCheckedGroup {
        private final String status;
        private final String reason;
        private long count;
        private final List<String> sample = new ArrayList<>();

        NotCheckedGroup(String status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        void add(String ip) {
            count++;
            if (sample.size() < NOT_CHECKED_SAMPLE) {
                sample.add(ip);
            }
        }

        ReportView.NotChecked toView() {
            return new ReportView.NotChecked(status, reason, count, List.copyOf(sample));
        }
    }
}
