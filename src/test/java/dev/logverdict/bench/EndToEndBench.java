package dev.logverdict.bench;

import dev.logverdict.intel.sources.SourceFetcher;
import dev.logverdict.intel.sources.SourceRefresh;
import dev.logverdict.storage.s3.S3ObjectStore;
import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.TestSettings;
import dev.logverdict.support.TlsCertificate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as it runs, against its peer in the same run: the packaged function (target/function.zip,
 * unpacked) in a fresh process under the AWS runtime interface client with Lambda's JVM flags, handling
 * the S3 event of a log held by a real S3 server (S3Proxy over HTTPS, in this process), from process start to the
 * report written; then {@code awk '{print $1}' | sort -u} over the same file on local disk. No API key:
 * offline sources only, so the figure is the scan, the report and its files, not VirusTotal's pace.
 *
 * <pre>
 * java -Xmx5g [-Dfunction.memoryMb=256] [-De2e.asn=true] -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.logverdict.bench.EndToEndBench /tmp/access_100m.log 3
 * </pre>
 *
 * <p>The function's heap is 85 % of its memory setting (1,024 MB unless {@code -Dfunction.memoryMb} says
 * otherwise), as Lambda's java runtime sets it, and the JVM takes that setting for the machine's memory, as
 * in Lambda's microVM.
 */
public final class EndToEndBench {

    private EndToEndBench() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // -Dfunction.zip and -Dfunction.unpacked compare another build in the same minutes.
        Path function = FunctionProcess.unpacked(
                Path.of(System.getProperty("function.zip", "target/function.zip")),
                Path.of(System.getProperty("function.unpacked", "target/bench-function")));
        long bytes = Files.size(log);
        // HTTPS as in Lambda: over plain HTTP the SDK would sign every byte sent with SHA-256.
        TlsCertificate certificate = TlsCertificate.in(Path.of("target/bench-tls"));
        try (LocalS3 server = new LocalS3(certificate);
                S3Client s3 = server.client()) {
            String key = "logs/bench/" + log.getFileName();
            String eTag = s3.putObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key), RequestBody.fromFile(log))
                    .eTag()
                    .replace("\"", "");
            String event = S3Events.objectCreated(S3ProxyResource.BUCKET, key, bytes, eTag);
            if (Boolean.getBoolean("e2e.asn")) {
                storeAsnTable(s3);
            }
            System.out.printf(
                    "%s: %,d bytes; function memory %,d MB (heap %,d MB)%n",
                    log, bytes, FunctionProcess.memoryMegabytes(), FunctionProcess.heapMegabytes());
            for (int run = 1; run <= runs; run++) {
                long awkNanos = awk(log);
                try (LocalRuntimeApi api = new LocalRuntimeApi()) {
                    long start = System.nanoTime();
                    // -De2e.jvmFlags="-XX:StartFlightRecording=..." profiles the function process itself.
                    List<String> flags = new ArrayList<>(certificate.trustStoreFlags());
                    if (!System.getProperty("e2e.jvmFlags", "").isBlank()) {
                        flags.addAll(List.of(
                                System.getProperty("e2e.jvmFlags").trim().split("\\s+")));
                    }
                    Path functionLog = Path.of("target/e2e-bench-function.log");
                    Map<String, String> environment = FunctionProcess.s3Environment(server.config());
                    // -De2e.priming=blocking primes at init as the template's JVM variant does before its
                    // SnapStart snapshot: the invocation then runs the primed code, as a restored one would.
                    String priming = System.getProperty("e2e.priming");
                    if (priming != null) {
                        environment.put("LOGVERDICT_PRIMING", priming);
                    }
                    FunctionProcess process =
                            FunctionProcess.start(function, api, environment, flags, false, functionLog);
                    try {
                        api.firstPoll().get(60, TimeUnit.SECONDS);
                        long sent = System.nanoTime();
                        String response = api.invoke(event).get(15, TimeUnit.MINUTES);
                        long done = System.nanoTime();
                        if (!response.contains("reportKey")) {
                            throw new IllegalStateException("unexpected response: " + response);
                        }
                        long total = done - start;
                        System.out.printf(
                                "run %d: function %,d ms from process start (invocation %,d ms) = %.0f MB/s, peak RSS %,d KB;"
                                        + " awk+sort %,d ms = %.0f MB/s; ratio %.2f%n",
                                run,
                                total / 1_000_000,
                                (done - sent) / 1_000_000,
                                mbPerSecond(bytes, total),
                                process.peakResidentKb(),
                                awkNanos / 1_000_000,
                                mbPerSecond(bytes, awkNanos),
                                (double) awkNanos / total);
                        // The function's own work, apart from waiting on the peer that shares the cores.
                        System.out.printf(
                                "  split: start-up to first poll %,d ms; %s; function CPU time %,d ms%n",
                                (sent - start) / 1_000_000, phases(functionLog), process.cpuMillis());
                    } finally {
                        process.close();
                    }
                }
            }
        }
    }

    /**
     * {@code -De2e.asn=true}: stores an ASN table of the published size where the scheduled run keeps it, as
     * that run does (parse, check, store), so the scan loads it and labels every routed client with its
     * network, as a deployment with the public sources on does.
     */
    private static void storeAsnTable(S3Client s3) throws IOException {
        byte[] download =
                SourceLoadBench.asnDownload(SourceLoadBench.PUBLISHED_V4_ROWS, SourceLoadBench.PUBLISHED_V6_ROWS);
        SourceFetcher published = (url, etag, lastModified) -> new SourceFetcher.Response(200, download, null, null);
        List<SourceRefresh.State> stored = new SourceRefresh(
                        new S3ObjectStore(s3),
                        published,
                        S3ProxyResource.BUCKET,
                        TestSettings.config().cachePrefix())
                .refreshDue(
                        List.of(SourceLoadBench.ASN), Instant.now(), () -> Duration.ofHours(1), published.worstCase());
        if (!"ok".equals(stored.get(0).state())) {
            throw new IllegalStateException("the ASN table was not stored: " + stored.get(0));
        }
        System.out.printf("ASN table stored: %,d networks%n", stored.get(0).entries());
    }

    /**
     * The invocation's phases as the function's own metrics record has them (EMF, in its log): reading and
     * scanning, the lookups, and the report with its files (each upload sent while it is written).
     */
    static String phases(Path functionLog) throws IOException {
        String text = Files.readString(functionLog);
        StringBuilder split = new StringBuilder();
        for (String[] phase : new String[][] {
            {"ScanTime", "read and scan"}, {"LookupTime", "lookups"}, {"ReportTime", "report and files, uploaded"}
        }) {
            Matcher value = Pattern.compile("\"" + phase[0] + "\":(\\d+)").matcher(text);
            split.append(split.isEmpty() ? "" : ", ")
                    .append(phase[1])
                    .append(' ')
                    .append(value.find() ? String.format("%,d ms", Long.parseLong(value.group(1))) : "not recorded");
        }
        return split.toString();
    }

    private static long awk(Path log) throws Exception {
        long start = System.nanoTime();
        // A gzip log's peer decompresses it too, as the function does.
        String read = log.toString().endsWith(".gz") ? "gzip -dc \"$0\" | awk '{print $1}'" : "awk '{print $1}' \"$0\"";
        Process awk = new ProcessBuilder("sh", "-c", read + " | sort -u | wc -l", log.toString())
                .redirectErrorStream(true)
                .start();
        awk.getInputStream().readAllBytes();
        if (awk.waitFor() != 0) {
            throw new IllegalStateException("awk | sort failed");
        }
        return System.nanoTime() - start;
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
