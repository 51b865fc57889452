package dev.logverdict.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;

import java.util.List;
import java.util.Map;

/**
 * The one alert a scan with malicious findings sends: counts, the worst offenders and where the report is.
 * Field names are a contract (EventBridge rules match on them); see the README.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanAlert(
        String schemaVersion,
        String summary,
        Source source,
        Location report,
        Counts counts,
        List<Offender> topOffenders,
        String generatedAt) {

    public static final String SCHEMA_VERSION = "1";
    public static final String DETAIL_TYPE = "logverdict.scan.malicious";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            String bucket, String key, @JsonProperty("eTag") String eTag, String versionId) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String bucket, String key, String uri, String html) {}

    public record Counts(long malicious, long suspicious, long publicIps, long notChecked, double coverage) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Offender(
            String ip, long requests, Integer maliciousEngines, String checkedBy, Map<String, Integer> signals) {}

    /** The alert for a report, or null when it found nothing malicious (no alert is sent then). */
    public static ScanAlert of(
            Report report,
            MaliciousAddresses malicious,
            String reportBucket,
            String reportKey,
            String htmlKey,
            int topOffenders) {
        if (malicious.isEmpty()) {
            return null;
        }
        Report.Summary summary = report.summary();
        List<Offender> offenders = malicious.offenders().stream()
                .limit(topOffenders)
                .map(offender -> {
                    Report.IpEntry entry = offender.entry();
                    return new Offender(
                            offender.ip().toString(),
                            entry.requests(),
                            entry.virustotal() == null
                                    ? null
                                    : entry.virustotal().malicious(),
                            entry.lookup() == null
                                    ? null
                                    : entry.lookup().source() != null
                                            ? entry.lookup().source()
                                            : entry.lookup().status(),
                            entry.signals());
                })
                .toList();
        Report.Source source = report.source();
        return new ScanAlert(
                SCHEMA_VERSION,
                malicious.offenders().size() + " malicious IP"
                        + (malicious.offenders().size() == 1 ? "" : "s") + " in s3://" + source.bucket() + "/"
                        + source.key(),
                new Source(source.bucket(), source.key(), source.eTag(), source.versionId()),
                new Location(
                        reportBucket,
                        reportKey,
                        "s3://" + reportBucket + "/" + reportKey,
                        htmlKey == null ? null : "s3://" + reportBucket + "/" + htmlKey),
                new Counts(
                        malicious.offenders().size(),
                        summary.suspicious(),
                        summary.publicIps(),
                        summary.notChecked(),
                        summary.coverage()),
                offenders,
                report.generatedAt());
    }

    /**
     * A one-line subject for SNS e-mail subscribers: printable ASCII only and under SNS's 100-character
     * limit, because the object key is chosen by whoever uploads the log.
     */
    public String subject() {
        String text = "logverdict: " + summary;
        StringBuilder subject = new StringBuilder(Math.min(text.length(), 99));
        for (int i = 0; i < text.length() && subject.length() < 99; i++) {
            char c = text.charAt(i);
            subject.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return subject.toString();
    }
}
