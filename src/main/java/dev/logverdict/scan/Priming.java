package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.report.export.StixExport;
import dev.logverdict.report.view.HtmlReportRenderer;
import dev.logverdict.report.view.ReportViews;
import dev.logverdict.storage.StoredObject;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the scan's code paths once on a built-in sample at init, without touching the network, so the first
 * real event does not pay for loading and first-running them: the report and page writers, the parsers,
 * the S3 client's endpoint rules. With SnapStart ("blocking") the warmed state is in the snapshot.
 */
@ApplicationScoped
public class Priming {

    private static final Logger LOG = Logger.getLogger(Priming.class);
    private static final String SAMPLE = String.join(
                    "\n",
                    "185.220.101.34 - - [27/Nov/2026:10:00:05 +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"sqlmap/1.7.2\"",
                    "2a01:4f8::1 - - [27/Nov/2026:10:02:00 +0000] \"GET /robots.txt HTTP/2.0\" 200 70 \"-\" \"curl/8.5.0\"",
                    "{\"time_local\":\"27/Nov/2026:10:00:00 +0000\",\"remote_addr\":\"10.0.0.5\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}",
                    "not a log line")
            + "\n";

    private final LogVerdictConfig config;
    private final HtmlReportRenderer html;
    private final S3Client s3;

    public Priming(LogVerdictConfig config, HtmlReportRenderer html, S3Client s3) {
        this.config = config;
        this.html = html;
        this.s3 = s3;
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

    void prime() {
        long start = System.nanoTime();
        try {
            TrafficScan traffic = new LogScanner(Settings.scanOptionsOf(config))
                    .scan(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)));
            Report report = ReportBuilder.build(
                    new StoredObject("priming", "logs/priming.log", null, "0", SAMPLE.length()),
                    traffic,
                    new ReputationLookups.Outcome(
                            Map.of(), IntelStatus.NOT_CONFIGURED, null, new IntelStats(0, 0, null, 0, 0, 0, null)),
                    Settings.verdictPolicyOf(config),
                    OfflineIntel.ofBlocklists(List.of()),
                    Instant.now());
            ReportWriter writer = new ReportWriter();
            writer.write(report, OutputStream.nullOutputStream());
            html.render(ReportViews.of(report, 10, "reports/priming.log.json"));
            writer.write(
                    StixExport.bundle(MaliciousAddresses.of(report), report, Instant.now(), Duration.ofDays(1)),
                    OutputStream.nullOutputStream());
            // Endpoint resolution is the S3 client's costliest first step, and needs no request.
            s3.utilities()
                    .getUrl(request -> request.bucket("logverdict-priming").key("logs/priming.log"));
            LOG.debugf("primed in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            // Priming is an optimisation: a failure here must never stop the function from starting.
            LOG.warnf("priming failed (the first event will be slower): %s", e.toString());
        }
    }
}
