package dev.logverdict.report.export;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.report.Report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * STIX 2.1 indicators for threat-intel platforms, one per malicious address, each with the comparison
 * pattern {@code [ipv4-addr:value = '…']} or {@code [ipv6-addr:value = '…']}.
 */
public final class StixExport {

    private static final String SPEC_VERSION = "2.1";
    private static final DateTimeFormatter STIX_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    // Fixed so every bundle names the same producer; derived from the product name, not random.
    private static final String IDENTITY_ID =
            "identity--" + UUID.nameUUIDFromBytes("logverdict".getBytes(StandardCharsets.UTF_8));

    private StixExport() {}

    /**
     * @param validFor how long a consumer should block on this indicator (reputation data goes stale)
     */
    public static StixBundle bundle(MaliciousAddresses malicious, Report report, Instant now, Duration validFor) {
        String timestamp = STIX_TIMESTAMP.format(now.truncatedTo(ChronoUnit.MILLIS));
        String validUntil = STIX_TIMESTAMP.format(now.plus(validFor).truncatedTo(ChronoUnit.MILLIS));
        List<Object> objects = new ArrayList<>();
        objects.add(new StixBundle.Identity(
                "identity", SPEC_VERSION, IDENTITY_ID, timestamp, timestamp, "logverdict", "system"));
        for (MaliciousAddresses.Offender offender : malicious.offenders()) {
            objects.add(indicator(offender, report, timestamp, validUntil));
        }
        String source = "s3://" + report.source().bucket() + "/"
                + report.source().key() + "#" + report.source().eTag();
        return new StixBundle("bundle", "bundle--" + NameBasedUuid.v5(NameBasedUuid.STIX_NAMESPACE, source), objects);
    }

    /** The STIX pattern for one address; the address is canonical text from our own parser, so no quoting is needed. */
    public static String pattern(IpAddress ip) {
        return "[" + (ip.version() == 4 ? "ipv4-addr" : "ipv6-addr") + ":value = '" + ip + "']";
    }

    private static StixBundle.Indicator indicator(
            MaliciousAddresses.Offender offender, Report report, String timestamp, String validUntil) {
        Report.IpEntry entry = offender.entry();
        Report.VirusTotal vt = entry.virustotal();
        String evidence = vt != null
                ? vt.malicious() + " VirusTotal engines flag it malicious"
                : "listed by "
                        + (entry.lookup() == null
                                ? "an offline blocklist"
                                : entry.lookup().source());
        List<StixBundle.ExternalReference> references = vt != null && vt.link() != null
                ? List.of(new StixBundle.ExternalReference("VirusTotal", vt.link()))
                : null;
        return new StixBundle.Indicator(
                "indicator",
                SPEC_VERSION,
                indicatorId(offender.ip()),
                IDENTITY_ID,
                timestamp,
                timestamp,
                "Malicious client " + offender.ip(),
                evidence + "; " + entry.requests() + " requests in s3://"
                        + report.source().bucket() + "/" + report.source().key() + signalText(entry.signals()),
                List.of("malicious-activity"),
                pattern(offender.ip()),
                "stix",
                timestamp,
                validUntil,
                confidence(vt),
                null,
                references);
    }

    /**
     * The same address always gets the same indicator id (a version 5 UUID of its pattern, as threat-intel
     * platforms derive them), so a re-run or another log naming it updates the indicator instead of adding one.
     */
    public static String indicatorId(IpAddress ip) {
        return "indicator--" + NameBasedUuid.v5(NameBasedUuid.STIX_NAMESPACE, pattern(ip));
    }

    private static String signalText(Map<String, Integer> signals) {
        if (signals == null || signals.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; local signals:");
        signals.forEach(
                (name, count) -> text.append(' ').append(name).append('=').append(count));
        return text.toString();
    }

    /** More engines agreeing, more confidence; a blocklist hit is taken as moderately confident. */
    private static Integer confidence(Report.VirusTotal vt) {
        if (vt == null) {
            return 60;
        }
        return Math.min(100, 50 + 10 * vt.malicious());
    }
}
