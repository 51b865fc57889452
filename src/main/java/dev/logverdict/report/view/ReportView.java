package dev.logverdict.report.view;

import java.util.List;

/**
 * What the HTML page shows, computed from a report: every value is plain text (the template escapes it),
 * every chart coordinate a number we computed, so nothing from the log reaches the page unescaped.
 */
public record ReportView(
        String title,
        String sourceUri,
        String generatedAt,
        String format,
        String intelStatus,
        String jsonName,
        List<Card> cards,
        Coverage coverage,
        List<Row> rows,
        long totalIps,
        boolean rowsCapped,
        List<Chart> charts,
        List<NotChecked> notChecked,
        long nonPublicIps,
        List<String> notes,
        List<Malformed> malformedSamples,
        List<NetworkRow> networks,
        List<AggregatedRow> aggregated,
        List<SourceRow> sources) {

    /** Clients past the tracking cap, counted by network (or all together as "untracked"). */
    public record AggregatedRow(
            String network,
            long requests,
            String signals,
            String blocklist,
            String asn,
            String firstSeen,
            String lastSeen) {}

    /** One autonomous system in the "top networks" table. */
    public record NetworkRow(String asn, String name, String country, long requests, long ips, long maliciousIps) {}

    /** One public source as this scan used it. */
    public record SourceRow(
            String id, String kind, String state, String fetchedAt, long entries, long matchedIps, String reason) {}

    /** A headline number; {@code tone} is a CSS class (bad, warn, ok, neutral). */
    public record Card(String label, String value, String tone) {}

    /** How many public IPs were checked and from where. */
    public record Coverage(
            long publicIps,
            long virustotal,
            long cache,
            long feeds,
            long notChecked,
            String percent,
            int checkedWidth) {}

    public record Row(
            int rank,
            String ip,
            String verdict,
            String scope,
            long requests,
            String bytes,
            String engines,
            String source,
            String signals,
            List<String> topPaths,
            List<String> topAgents,
            String virusTotalLink,
            String firstSeen,
            String lastSeen,
            String network,
            String infrastructure,
            String labels,
            String abuseIpDb,
            String abuseIpDbLink) {}

    /** Requests per hour for one client, as an SVG polyline in a {@code width}×{@code height} box. */
    public record Chart(
            String ip,
            String verdict,
            String points,
            int width,
            int height,
            String from,
            String to,
            long peak,
            long requests) {}

    /** Public IPs left unchecked for one reason, with a few of them. */
    public record NotChecked(String status, String reason, long count, List<String> sample) {}

    public record Malformed(long lineNumber, String reason, String excerpt) {}
}
