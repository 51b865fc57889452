package dev.logverdict.bench;

import dev.logverdict.html.QuteHtmlReportRenderer;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.export.FindingsWriter;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.scan.ReportOutputs;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.TestSettings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Where the report phase's own time goes, without S3: one scan of the log, then per run the JSON report
 * and the findings object written to memory, and the findings' lines compressed again at gzip's default
 * and fastest levels for comparison. Not the headline (that is {@link EndToEndBench}); the first run
 * includes JIT warm-up.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.logverdict.bench.ReportPhaseBench /tmp/access_1g.log 3
 * </pre>
 */
public final class ReportPhaseBench {

    private ReportPhaseBench() {}

    public static void main(String[] args) throws IOException {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TrafficScan scan;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            scan = new LogScanner(TestSettings.scanOptions()).scan(in);
        }
        Report report = SampleReports.build(scan, Map.of());
        for (int run = 1; run <= runs; run++) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            long start = System.nanoTime();
            new ReportWriter().write(report, json);
            long reportWritten = System.nanoTime();
            ByteArrayOutputStream findings = new ByteArrayOutputStream();
            new FindingsWriter().write(report, "bucket", "reports/bench.json", findings);
            long findingsWritten = System.nanoTime();
            byte[] lines;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(findings.toByteArray()))) {
                lines = in.readAllBytes();
            }
            long phase = reportPhase(report);
            long[] defaultLevel = gzip(lines, Deflater.DEFAULT_COMPRESSION);
            long[] fastest = gzip(lines, Deflater.BEST_SPEED);
            System.out.printf(
                    "run %d: %,d clients; JSON report %,d bytes in %,d ms; findings %,d bytes of lines, %,d gzip, in %,d ms;"
                            + " lines alone at gzip's default level %,d bytes in %,d ms, at the fastest %,d bytes in %,d ms;"
                            + " the whole report phase %,d ms%n",
                    run,
                    report.ips().size(),
                    json.size(),
                    millis(reportWritten - start),
                    lines.length,
                    findings.size(),
                    millis(findingsWritten - reportWritten),
                    defaultLevel[0],
                    millis(defaultLevel[1]),
                    fastest[0],
                    millis(fastest[1]),
                    millis(phase));
        }
    }

    /**
     * The report phase as the function runs it, into a store that discards what it is sent: the files beside
     * the report (the template's defaults, the real HTML renderer) and the JSON report sent beside them.
     *
     * @return the nanoseconds it took
     */
    private static long reportPhase(Report report) throws IOException {
        ObjectStore discard = new InMemoryObjectStore() {
            @Override
            public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
                body.writeTo(OutputStream.nullOutputStream());
            }
        };
        ReportOutputs outputs = new ReportOutputs(
                discard, discard, new QuteHtmlReportRenderer(), TestSettings.config(), Clock.systemUTC());
        long start = System.nanoTime();
        outputs.writeWithReport(report, MaliciousAddresses.of(report), "bucket", "reports/bench", "reports/bench.json");
        return System.nanoTime() - start;
    }

    /** @return the compressed size and the nanoseconds it took */
    private static long[] gzip(byte[] bytes, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (OutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(bytes);
        }
        return new long[] {out.size(), System.nanoTime() - start};
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
