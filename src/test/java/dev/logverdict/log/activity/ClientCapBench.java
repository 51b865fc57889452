package dev.logverdict.log.activity;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.SampleReports;
import dev.logverdict.support.TestSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The scan and the report of {@code lines} lines from distinct addresses (three in four from one IPv6 /64,
 * the rest random IPv4; {@link ClientCapTest#sweep}), as the function makes them: scanned, built, written
 * (to a stream that only counts). Run it with the heap of the smallest function the template allows to
 * see that it completes there; prints the report's size and the heap's peak.
 * <p>
 * {@code java -Xmx435m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/test-classes:target/classes:$(cat
 * target/test-classpath.txt) dev.logverdict.log.activity.ClientCapBench 4000000 [max-tracked-ips=100000]}
 */
public final class ClientCapBench {

    private ClientCapBench() {}

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        // -Dsweep.file=… writes the sweep there instead, for the function to scan (EndToEndBench).
        String file = System.getProperty("sweep.file");
        if (file != null) {
            try (InputStream sweep = ClientCapTest.sweep(lines, 1);
                    OutputStream out = Files.newOutputStream(Path.of(file))) {
                sweep.transferTo(out);
            }
            return;
        }
        long start = System.nanoTime();
        // Further arguments are settings as a user states them ("max-tracked-ips=100000").
        String[] settings = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(settings)).scan(ClientCapTest.sweep(lines, 1));
        Report report = SampleReports.build(scan, Map.of());
        long[] written = new long[1];
        new ReportWriter().write(report, new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        });
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "%,d lines: %,d addresses tracked, %,d networks (+ untracked), report %,d MB, %d ms, heap peak %,d MB"
                        + " (of %,d MB)%n",
                scan.lines(),
                scan.clients().size(),
                scan.aggregated().size() - 1,
                written[0] >> 20,
                (System.nanoTime() - start) / 1_000_000,
                peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
