package dev.logverdict.report;

import dev.logverdict.intel.Assessment;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Verdict;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.support.TestSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports built the way the function builds them, from a log and what the intel said, for view and export tests. */
public final class SampleReports {

    public static final Instant GENERATED = Instant.parse("2026-11-27T10:15:31Z");
    public static final StoredObject SOURCE = new StoredObject("soc-logs", "logs/web.log", null, "abc123", 1234);

    private SampleReports() {}

    public static Report build(String log, Map<IpAddress, Assessment> assessments) {
        return build(scan(log), assessments);
    }

    private static TrafficScan scan(String log) {
        try {
            return new LogScanner(TestSettings.scanOptions())
                    .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Report build(TrafficScan scan, Map<IpAddress, Assessment> assessments) {
        return build(SOURCE, scan, assessments);
    }

    /** @param source the scanned object as the store reported it */
    public static Report build(StoredObject source, TrafficScan scan, Map<IpAddress, Assessment> assessments) {
        return ReportBuilder.build(
                source,
                scan,
                new ReputationLookups.Outcome(
                        assessments, IntelStatus.CONSULTED, null, new IntelStats(0, 0, null, 500, 0, 0, null)),
                TestSettings.verdictPolicy(),
                OfflineIntel.ofBlocklists(List.of()),
                GENERATED);
    }

    /** Four clients: a scanner with attack signals, an IPv6 client, a resolver, a private address. */
    public static final String MIXED_LOG = line("185.220.101.7", "10:00:00", "/.env", "sqlmap/1.7")
            + line("185.220.101.7", "10:05:00", "/", "sqlmap/1.7")
            + line("2a0b:4340:1::66", "10:00:00", "/", "curl/8")
            + line("8.8.8.8", "10:00:00", "/", "Mozilla/5.0")
            + line("10.0.0.9", "10:00:00", "/", "Mozilla/5.0");

    /**
     * {@link #MIXED_LOG} judged: the scanner malicious by VirusTotal, the IPv6 client on a blocklist, the
     * resolver harmless; the exports' and findings' common case.
     */
    public static Report mixedVerdicts() {
        return mixedVerdicts(SOURCE);
    }

    /** {@link #mixedVerdicts()} for a log the store reported as {@code source}. */
    public static Report mixedVerdicts(StoredObject source) {
        return build(
                source,
                scan(MIXED_LOG),
                Map.of(
                        ip("185.220.101.7"), virusTotalMalicious(7),
                        ip("2a0b:4340:1::66"), feedListed("tor_exits"),
                        ip("8.8.8.8"), harmless()));
    }

    public static Assessment virusTotalMalicious(int engines) {
        return new Assessment(
                Verdict.MALICIOUS,
                LookupStatus.OK,
                null,
                "virustotal",
                new Reputation(
                        engines, 0, 50, 20, 0, -20, "Bad Hosting", 64500L, "NL", "185.220.101.0/24", null, null));
    }

    public static Assessment feedListed(String feed) {
        return new Assessment(Verdict.MALICIOUS, LookupStatus.FEED, null, feed, null);
    }

    public static Assessment harmless() {
        return new Assessment(
                Verdict.HARMLESS,
                LookupStatus.OK,
                null,
                "virustotal",
                new Reputation(0, 0, 60, 20, 0, 5, "Google", 15169L, "US", "8.8.8.0/24", null, null));
    }

    public static IpAddress ip(String text) {
        return IpAddressParser.parse(text);
    }

    public static String line(String ip, String time, String path, String agent) {
        return ip + " - - [27/Nov/2026:" + time + " +0000] \"GET " + path + " HTTP/1.1\" 200 512 \"-\" \"" + agent
                + "\"\n";
    }

    /** The same report with a forged entry placed first, as a corrupted or hand-edited report could hold. */
    public static Report withForgedFirstEntry(Report report, Report.IpEntry forged) {
        List<Report.IpEntry> ips = new ArrayList<>();
        ips.add(forged);
        ips.addAll(report.ips());
        return new Report(
                report.schemaVersion(),
                report.source(),
                report.generatedAt(),
                report.intel(),
                report.summary(),
                report.networks(),
                ips,
                report.aggregated(),
                report.nonIpClients(),
                report.ipsElsewhere(),
                report.malformedSamples(),
                report.outputs());
    }
}
