package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.BlocklistExport;
import dev.logverdict.report.export.FindingsWriter;
import dev.logverdict.report.export.GzipJsonLines;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.report.export.NameBasedUuid;
import dev.logverdict.report.export.StixBundle;
import dev.logverdict.report.export.StixExport;
import dev.logverdict.report.export.WafIpSet;
import dev.logverdict.report.ocsf.DetectionFinding;
import dev.logverdict.report.ocsf.DetectionFindings;
import dev.logverdict.report.ocsf.SecurityLakeLocation;
import dev.logverdict.report.ocsf.parquet.DetectionFindingParquet;
import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.report.view.ReportViews;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes a report: the files that go beside the JSON report (the HTML page, the exports, the findings, as
 * configured), then the JSON report that lists them.
 */
@ApplicationScoped
public class ReportOutputs {

    static final String HTML = ".html";
    static final String HTML_KIND = "html";
    static final String WAF_IPV4 = ".waf-ipv4.txt";
    static final String WAF_IPV6 = ".waf-ipv6.txt";
    static final String GUARDDUTY = ".guardduty.txt";
    // Not ".stix.json": the JSON report of an input named "x.stix" would be that file (see ObjectKeys).
    static final String STIX = ".stix";
    private static final String TEXT = "text/plain;charset=utf-8";
    /** Names the lake's objects after the log version they come from. */
    private static final UUID LAKE_OBJECTS = UUID.fromString("2d6b7f0e-5c1a-4f8e-b3d9-7a4e1c6f0b52");

    private static final String REPORT_CONTENT_TYPE = "application/json";

    static final String FINDINGS_KIND = "findings";
    static final String OCSF_KIND = "ocsf";
    static final String SECURITY_LAKE_KIND = "security-lake";
    static final String OCSF_SUFFIX = ".ocsf";

    private final ObjectStore store;
    private final ObjectStore securityLakeStore;
    private final Optional<SecurityLakeLocation> securityLake;
    private final String ocsfPrefix;
    private final HtmlReportRenderer htmlRenderer;
    private final LogVerdictConfig.Outputs settings;
    private final String findingsPrefix;
    private final ObjectKeys keys;
    private final Clock clock;
    private final ReportWriter writer = new ReportWriter();
    private final FindingsWriter findingsWriter = new FindingsWriter();
    private final GzipJsonLines jsonLines = new GzipJsonLines();
    private final DetectionFindingParquet parquet = new DetectionFindingParquet();

    public ReportOutputs(
            ObjectStore store,
            @SecurityLakeStore ObjectStore securityLakeStore,
            HtmlReportRenderer htmlRenderer,
            LogVerdictConfig config,
            Clock clock) {
        this.store = store;
        this.securityLakeStore = securityLakeStore;
        this.securityLake = Settings.securityLakeOf(config);
        this.ocsfPrefix = config.ocsf().prefix();
        this.htmlRenderer = htmlRenderer;
        this.settings = config.outputs();
        this.findingsPrefix = config.findingsPrefix();
        this.keys = new ObjectKeys(config.inputPrefix(), config.reportPrefix());
        this.clock = clock;
    }

    /**
     * Writes the report's files and the JSON report that lists them. The JSON is sent while the files are
     * written, but its object is completed only after them (its last field lists them): when it exists, so
     * does everything it lists. A failed file fails the report, and no write is left running behind it.
     *
     * @param keyBase the JSON report's key without ".json"; each output appends its own suffix
     * @return what was written beside the report, as its {@code outputs} list says
     */
    public List<Report.Output> writeWithReport(
            Report report, MaliciousAddresses malicious, String bucket, String keyBase, String jsonKey)
            throws IOException {
        Writing files = start(report, malicious, bucket, keyBase, jsonKey);
        try {
            store.write(bucket, jsonKey, REPORT_CONTENT_TYPE, out -> writer.write(report, files::awaitForReport, out));
        } catch (FileFailed e) {
            // Every file's write has ended: the one that failed is what fails the report.
            throw e.fileFailure();
        } catch (IOException | RuntimeException e) {
            files.finish();
            throw e;
        }
        return files.await();
    }

    private Writing start(
            Report report, MaliciousAddresses allMalicious, String bucket, String keyBase, String jsonKey) {
        MaliciousAddresses malicious = allMalicious.blockable();
        List<Callable<List<Report.Output>>> outputs = new ArrayList<>();
        if (settings.html()) {
            outputs.add(() -> {
                byte[] page = htmlRenderer.render(ReportViews.of(report, settings.htmlMaxRows(), jsonKey));
                return List.of(put(bucket, keyBase + HTML, "text/html;charset=utf-8", page, HTML_KIND, null));
            });
        }
        if (settings.wafIpSets()) {
            outputs.add(() -> List.of(putWafIpSet(
                    bucket,
                    keyBase + WAF_IPV4,
                    WafIpSet.of(malicious.addressesByRisk(4), WafIpSet.MAX_ENTRIES),
                    "waf-ipv4")));
            outputs.add(() -> List.of(putWafIpSet(
                    bucket,
                    keyBase + WAF_IPV6,
                    WafIpSet.of(malicious.addressesByRisk(6), WafIpSet.MAX_ENTRIES),
                    "waf-ipv6")));
        }
        if (settings.guarddutyThreatIntelSet()) {
            outputs.add(() -> {
                List<IpAddress> all = malicious.addresses();
                return List.of(put(
                        bucket,
                        keyBase + GUARDDUTY,
                        TEXT,
                        BlocklistExport.guardDutyThreatIntelSet(all),
                        "guardduty",
                        (long) all.size()));
            });
        }
        if (settings.findings()) {
            outputs.add(() -> {
                String key = keys.findingsKeyFor(findingsPrefix, FindingsWriter.partitionDay(report), keyBase);
                long[] lines = new long[1];
                store.write(
                        bucket,
                        key,
                        "application/gzip",
                        out -> lines[0] = findingsWriter.write(report, bucket, jsonKey, out));
                return List.of(new Report.Output(FINDINGS_KIND, bucket, key, lines[0]));
            });
        }
        if (settings.ocsf() || securityLake.isPresent()) {
            outputs.add(() -> writeDetections(report, bucket, keyBase, jsonKey));
        }
        if (settings.stix()) {
            outputs.add(() -> {
                StixBundle bundle = StixExport.bundle(malicious, report, clock.instant(), settings.stixValidFor());
                store.write(
                        bucket, keyBase + STIX, "application/stix+json;version=2.1", out -> writer.write(bundle, out));
                return List.of(new Report.Output("stix", bucket, keyBase + STIX, (long)
                        malicious.offenders().size()));
            });
        }
        List<Future<List<Report.Output>>> running = new ArrayList<>();
        for (Callable<List<Report.Output>> output : outputs) {
            running.add(StorageThreads.pool().submit(output));
        }
        return new Writing(running);
    }

    /**
     * The files being written side by side (each is mostly a wait on S3: a small report's files are a round
     * trip each), listed in the order they were asked for.
     */
    private static final class Writing {
        private final List<Future<List<Report.Output>>> running;

        Writing(List<Future<List<Report.Output>>> running) {
            this.running = running;
        }

        /**
         * What was written; when a write failed, the others are still waited for, and the first failure is
         * thrown with the rest suppressed.
         */
        List<Report.Output> await() throws IOException {
            List<Report.Output> written = new ArrayList<>();
            Throwable failure = null;
            for (Future<List<Report.Output>> output : running) {
                try {
                    written.addAll(waitFor(output));
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                }
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IOException(failure);
            }
            return written;
        }

        /**
         * As the JSON report's body waits for them: a failed file comes out as {@link FileFailed}, which the
         * store does not retry (a retry would send the whole report again to fail at the same place).
         */
        List<Report.Output> awaitForReport() throws IOException {
            try {
                return await();
            } catch (IOException | RuntimeException e) {
                throw new FileFailed(e);
            }
        }

        /** Waits for every write to end, whatever its outcome: the caller is failing for another reason. */
        void finish() throws IOException {
            for (Future<List<Report.Output>> output : running) {
                try {
                    waitFor(output);
                } catch (ExecutionException e) {
                    // the caller's own failure is the one thrown
                }
            }
        }
    }

    /** A file beside the report failed while the report waited for it; carries that file's failure. */
    private static final class FileFailed extends IOException {
        FileFailed(Exception file) {
            super(file.getMessage(), file);
        }

        IOException fileFailure() {
            if (getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            return (IOException) getCause();
        }
    }

    private static <T> T waitFor(Future<T> output) throws ExecutionException, IOException {
        try {
            return output.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the report's files were written");
        }
    }

    /**
     * The OCSF Detection Findings: JSON lines beside the findings, and Parquet in Security Lake's partition
     * of the log's day, named for the log version so a refresh or a redelivery replaces it. A log without
     * detections writes no lake object: Security Lake crawls and bills per object, and the custom source's
     * role may only put objects, so one an earlier scan of the same version wrote stays (README, limits).
     */
    private List<Report.Output> writeDetections(Report report, String bucket, String keyBase, String jsonKey)
            throws IOException {
        Iterable<DetectionFinding> detections = DetectionFindings.of(report, bucket, jsonKey);
        List<Report.Output> written = new ArrayList<>();
        LocalDate day = FindingsWriter.partitionDay(report);
        if (settings.ocsf()) {
            String key = keys.findingsKeyFor(ocsfPrefix, day, keyBase + OCSF_SUFFIX);
            long[] lines = new long[1];
            store.write(bucket, key, "application/gzip", out -> lines[0] = jsonLines.write(detections.iterator(), out));
            written.add(new Report.Output(OCSF_KIND, bucket, key, lines[0]));
        }
        if (securityLake.isPresent() && DetectionFindings.anyIn(report)) {
            SecurityLakeLocation lake = securityLake.get();
            String key = lake.keyFor(day, lakeObjectName(report));
            long[] records = new long[1];
            securityLakeStore.write(
                    lake.bucket(),
                    key,
                    "application/vnd.apache.parquet",
                    out -> records[0] = parquet.write(detections, out));
            written.add(new Report.Output(SECURITY_LAKE_KIND, lake.bucket(), key, records[0]));
        }
        return written;
    }

    private static String lakeObjectName(Report report) {
        Report.Source source = report.source();
        String version = source.versionId() != null ? source.versionId() : source.eTag();
        return "logverdict-"
                + NameBasedUuid.v5(LAKE_OBJECTS, source.bucket() + "/" + source.key() + "#" + version)
                + ".gz.parquet";
    }

    private Report.Output putWafIpSet(String bucket, String key, WafIpSet set, String kind) throws IOException {
        store.write(bucket, key, TEXT, out -> out.write(set.text()));
        return new Report.Output(
                kind, bucket, key, (long) set.cidrs().size(), (long) set.addresses(), (long) set.omittedAddresses());
    }

    private Report.Output put(String bucket, String key, String contentType, byte[] body, String kind, Long entries)
            throws IOException {
        store.write(bucket, key, contentType, out -> out.write(body));
        return new Report.Output(kind, bucket, key, entries);
    }
}
