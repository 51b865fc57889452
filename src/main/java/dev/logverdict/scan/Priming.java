package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.Assessment;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Verdict;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.storage.s3.S3RequestPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs the scan's code paths once on a built-in sample at init, without touching the network, so the first
 * real event does not pay for loading and first-running them: the scanner, the report builder, every file
 * the configuration writes beside the report (through the same {@link ReportOutputs} a scan uses, into a
 * store that discards them), the JSON report writer, the S3 client's endpoint rules and its request and
 * response code for every operation the store uses ({@link S3RequestPriming}). With SnapStart
 * ("blocking") the warmed state is in the snapshot.
 */
@ApplicationScoped
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    private static final String LISTED = "185.220.101.34";
    private static final String SAMPLE = String.join(
                    "\n",
                    LISTED + " - - [27/Nov/2026:10:00:05 +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"sqlmap/1.7.2\"",
                    "2a01:4f8::1 - - [27/Nov/2026:10:02:00 +0000] \"GET /robots.txt HTTP/2.0\" 200 70 \"-\" \"curl/8.5.0\"",
                    "{\"time_local\":\"27/Nov/2026:10:00:00 +0000\",\"remote_addr\":\"10.0.0.5\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}",
                    "not a log line")
            + "\n";

    private final LogVerdictConfig config;
    private final HtmlReportRenderer html;
    private final S3Client s3;
    private final Clock clock;

    public Priming(LogVerdictConfig config, HtmlReportRenderer html, S3Client s3, Clock clock) {
        this.config = config;
        this.html = html;
        this.s3 = s3;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent started) {
        switch (config.priming()) {
            case "off" -> {}
            case "blocking" -> prime();
            case "background" -> {
                Thread thread = new Thread(this::prime, "logverdict-priming");
                thread.setDaemon(true);
                thread.start();
            }
            default ->
                throw new IllegalArgumentException(
                        "logverdict.priming=" + config.priming() + " is not one of background, blocking, off");
        }
    }

    /**
     * @return the kinds of file written beside the sample's report, as a scan lists them in {@code outputs};
     *     empty when priming failed
     */
    public List<String> prime() {
        long start = System.nanoTime();
        try {
            TrafficScan traffic = new LogScanner(Settings.scanOptionsOf(config))
                    .scan(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)));
            // One client judged malicious, so the exports and the detections have an entry to write.
            Report report = ReportBuilder.build(
                    new StoredObject("priming", "logs/priming.log", null, "0", SAMPLE.length()),
                    traffic,
                    new ReputationLookups.Outcome(
                            Map.of(
                                    IpAddressParser.parse(LISTED),
                                    new Assessment(Verdict.MALICIOUS, LookupStatus.FEED, null, "priming", null)),
                            IntelStatus.NOT_CONFIGURED,
                            null,
                            new IntelStats(0, 0, null, 0, 0, 0, null)),
                    Settings.verdictPolicyOf(config),
                    OfflineIntel.ofBlocklists(List.of()),
                    clock.instant());
            ObjectStore discard = new DiscardingStore();
            List<Report.Output> outputs = new ReportOutputs(discard, discard, html, config, clock)
                    .writeWithReport(
                            report,
                            MaliciousAddresses.of(report),
                            "priming",
                            config.reportPrefix() + "priming.log",
                            config.reportPrefix() + "priming.log.json");
            // Endpoint resolution is the S3 client's costliest first step, and needs no request.
            s3.utilities()
                    .getUrl(request -> request.bucket("logverdict-priming").key("logs/priming.log"));
            // The requests themselves, through a client whose HTTP layer answers from memory.
            S3RequestPriming.run();
            LOG.debugf("primed in %d ms", (System.nanoTime() - start) / 1_000_000);
            return outputs.stream().map(Report.Output::kind).toList();
        } catch (Exception | LinkageError e) {
            // Priming is an optimisation: a failure here must never stop the function from starting.
            LOG.warnf("priming failed (the first event will be slower): %s", e.toString());
            return List.of();
        }
    }

    /** Takes every write and keeps nothing: priming runs the writers, not the uploads. */
    private static final class DiscardingStore implements ObjectStore {
        @Override
        public OpenObject open(String bucket, String key, String versionId) {
            throw new UnsupportedOperationException("priming reads nothing");
        }

        @Override
        public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
            body.writeTo(OutputStream.nullOutputStream());
        }

        @Override
        public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
            return true;
        }

        @Override
        public void delete(String bucket, String key) {
            // Nothing is kept, so there is nothing to delete.
        }

        @Override
        public List<Listed> list(String bucket, String prefix) {
            return List.of();
        }

        @Override
        public List<Listed> list(String bucket, String prefix, int maxKeys) {
            return List.of();
        }

        @Override
        public List<Listed> listFolder(String bucket, String folder) {
            return List.of();
        }
    }
}
