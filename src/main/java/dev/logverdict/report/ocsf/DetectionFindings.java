package dev.logverdict.report.ocsf;

import dev.logverdict.intel.Verdict;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.NameBasedUuid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OCSF Detection Findings of one report: a record for every client a provider or a blocklist judged
 * malicious or suspicious, and for every client whose requests carried attack signals; nothing for the
 * clients nobody flagged, which are not detections.
 */
public final class DetectionFindings {

    static final String PRODUCT = "logverdict";
    static final String IP_OBSERVABLE = "evidences.src_endpoint.ip";
    private static final int IP_ADDRESS_TYPE = 2;
    private static final int CREATE = 1;
    private static final int NEW = 1;
    /** Names the findings' uids so they never collide with another producer's version-5 UUIDs. */
    private static final UUID NAMESPACE = UUID.fromString("6f1d3c52-8b0e-4d7e-9a51-3e2f0c7a9b14");

    private DetectionFindings() {}

    /**
     * The detections of a report, in its risk order, each built as it is reached: a log's author can make
     * every client a detection, so they are never all held at once (the report's own entries are built on
     * demand too). Each walk builds them again.
     */
    public static Iterable<DetectionFinding> of(Report report, String reportBucket, String reportKey) {
        return () -> report.ips().stream()
                .filter(entry -> Grade.of(entry) != null)
                .map(entry -> finding(entry, Grade.of(entry), report, reportBucket, reportKey))
                .iterator();
    }

    /** Whether the report has a detection, without building one. */
    public static boolean anyIn(Report report) {
        return report.ips().stream().anyMatch(entry -> Grade.of(entry) != null);
    }

    /** How bad and how sure: a provider's verdict outranks the log's own signals. */
    enum Grade {
        MALICIOUS(4, "High", 3, "High", 10, "Malicious"),
        SUSPICIOUS(3, "Medium", 2, "Medium", 7, "Suspicious/Risky"),
        SIGNALS_ONLY(2, "Low", 1, "Low", 0, "Unknown");

        final int severityId;
        final String severity;
        final int confidenceId;
        final String confidence;
        final int reputationScoreId;
        final String reputationScore;

        Grade(
                int severityId,
                String severity,
                int confidenceId,
                String confidence,
                int reputationScoreId,
                String reputationScore) {
            this.severityId = severityId;
            this.severity = severity;
            this.confidenceId = confidenceId;
            this.confidence = confidence;
            this.reputationScoreId = reputationScoreId;
            this.reputationScore = reputationScore;
        }

        static Grade of(Report.IpEntry entry) {
            if (Verdict.MALICIOUS.label().equals(entry.verdict())) {
                return MALICIOUS;
            }
            if (Verdict.SUSPICIOUS.label().equals(entry.verdict())) {
                return SUSPICIOUS;
            }
            return entry.signals() == null || entry.signals().isEmpty() ? null : SIGNALS_ONLY;
        }
    }

    private static DetectionFinding finding(
            Report.IpEntry entry, Grade grade, Report report, String reportBucket, String reportKey) {
        Report.Source source = report.source();
        String logUri = "s3://" + source.bucket() + "/" + source.key();
        String version = source.versionId() != null ? source.versionId() : source.eTag();
        String uid = NameBasedUuid.v5(NAMESPACE, logUri + "#" + version + "#" + entry.ip())
                .toString();
        long generated = Instant.parse(report.generatedAt()).toEpochMilli();
        Long firstSeen = epochMillis(entry.firstSeen());
        Long lastSeen = epochMillis(entry.lastSeen());
        String provider = entry.lookup() == null ? null : entry.lookup().source();
        String title = title(entry, grade);
        String desc = description(entry, grade, provider);
        return new DetectionFinding(
                CREATE,
                "Create",
                DetectionFinding.CATEGORY_UID,
                "Findings",
                DetectionFinding.CLASS_UID,
                "Detection Finding",
                DetectionFinding.CLASS_UID * 100L + CREATE,
                "Detection Finding: Create",
                generated,
                grade.severityId,
                grade.severity,
                NEW,
                "New",
                grade.confidenceId,
                grade.confidence,
                desc,
                (int) Math.min(entry.requests(), Integer.MAX_VALUE),
                firstSeen,
                lastSeen,
                new DetectionFinding.Metadata(
                        DetectionFinding.OCSF_VERSION,
                        new DetectionFinding.Product(PRODUCT, PRODUCT),
                        uid,
                        logUri,
                        generated),
                new DetectionFinding.FindingInfo(
                        uid,
                        title,
                        desc,
                        types(entry, grade),
                        generated,
                        firstSeen,
                        lastSeen,
                        List.of(logUri),
                        "s3://" + reportBucket + "/" + reportKey),
                List.of(new DetectionFinding.Observable(
                        IP_OBSERVABLE,
                        IP_ADDRESS_TYPE,
                        "IP Address",
                        entry.ip(),
                        new DetectionFinding.Reputation(
                                baseScore(entry, grade, provider),
                                grade.reputationScoreId,
                                grade.reputationScore,
                                grade == Grade.SIGNALS_ONLY ? null : provider))),
                List.of(new DetectionFinding.Evidence(endpoint(entry), activity(entry))));
    }

    private static String title(Report.IpEntry entry, Grade grade) {
        return switch (grade) {
            case MALICIOUS -> "Known-bad client " + entry.ip();
            case SUSPICIOUS -> "Suspicious client " + entry.ip();
            case SIGNALS_ONLY -> "Attack signals from " + entry.ip();
        };
    }

    private static String description(Report.IpEntry entry, Grade grade, String provider) {
        StringBuilder text = new StringBuilder(entry.ip())
                .append(" made ")
                .append(entry.requests())
                .append(entry.requests() == 1 ? " request" : " requests");
        if (grade != Grade.SIGNALS_ONLY) {
            text.append("; ").append(entry.verdict());
            if (provider != null) {
                text.append(" per ").append(provider);
            }
        }
        if (entry.signals() != null && !entry.signals().isEmpty()) {
            text.append("; signals: ").append(String.join(", ", entry.signals().keySet()));
        }
        return text.toString();
    }

    private static List<String> types(Report.IpEntry entry, Grade grade) {
        List<String> types = new ArrayList<>();
        if (grade != Grade.SIGNALS_ONLY) {
            types.add("Reputation: " + entry.verdict());
        }
        if (entry.signals() != null) {
            entry.signals().keySet().forEach(signal -> types.add("Web attack signal: " + signal));
        }
        return types;
    }

    /**
     * The provider's own number where it has one (VirusTotal's malicious engines, AbuseIPDB's confidence),
     * otherwise the normalised score id: a blocklist says yes or no.
     */
    private static double baseScore(Report.IpEntry entry, Grade grade, String provider) {
        if ("virustotal".equals(provider) && entry.virustotal() != null) {
            return entry.virustotal().malicious();
        }
        if ("abuseipdb".equals(provider) && entry.abuseipdb() != null) {
            return entry.abuseipdb().abuseConfidenceScore();
        }
        return grade.reputationScoreId;
    }

    private static DetectionFinding.NetworkEndpoint endpoint(Report.IpEntry entry) {
        Report.Network network = entry.network();
        DetectionFinding.AutonomousSystem system = null;
        DetectionFinding.Location location = null;
        if (network != null) {
            // OCSF's integer_t is 32-bit signed; no public ASN is that large (the top is private use).
            Integer number = network.asn() > 0 && network.asn() <= Integer.MAX_VALUE ? (int) network.asn() : null;
            String name = network.name() == null || network.name().isEmpty() ? null : network.name();
            system = number == null && name == null ? null : new DetectionFinding.AutonomousSystem(number, name);
            location = network.country() == null || network.country().isEmpty()
                    ? null
                    : new DetectionFinding.Location(network.country());
        }
        return new DetectionFinding.NetworkEndpoint(entry.ip(), system, location);
    }

    private static Map<String, Object> activity(Report.IpEntry entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requests", entry.requests());
        data.put("verdict", entry.verdict());
        if (entry.signals() != null && !entry.signals().isEmpty()) {
            data.put("signals", entry.signals());
        }
        Report.Activity activity = entry.activity();
        if (activity != null) {
            data.put("bytes", activity.bytes());
            putIfPresent(data, "statuses", activity.statuses());
            putIfPresent(data, "methods", activity.methods());
            if (activity.topPaths() != null && !activity.topPaths().isEmpty()) {
                data.put("top_paths", activity.topPaths());
            }
        }
        if (entry.infrastructure() != null) {
            data.put("infrastructure", entry.infrastructure().provider());
        }
        return data;
    }

    private static void putIfPresent(Map<String, Object> data, String name, Map<String, Long> counts) {
        if (counts != null && !counts.isEmpty()) {
            data.put(name, counts);
        }
    }

    private static Long epochMillis(String timestamp) {
        return timestamp == null ? null : Instant.parse(timestamp).toEpochMilli();
    }
}
