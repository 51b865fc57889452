package dev.logverdict.log;

import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.bytes.LineReader;
import dev.logverdict.log.format.FormatDetector;
import dev.logverdict.log.format.ParsedLine;
import dev.logverdict.support.TestSettings;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

public final class StageBench {
    static long sink;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String stage = args[1];
        int passes = Integer.parseInt(args[2]);
        long size = Files.size(file);
        for (int p = 0; p < passes; p++) {
            long start = System.nanoTime();
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try (InputStream in = new FileInputStream(file.toFile())) {
                switch (stage) {
                    case "lines" -> new LineReader(in, 1 << 20).forEachLine((b, f, t, o) -> sink += t - f);
                    case "parse" -> {
                        FormatDetector d = new FormatDetector(Optional.empty(), Optional.empty());
                        new LineReader(in, 1 << 20).forEachLine((b, f, t, o) -> sink += d.parse(b, f, t).status);
                    }
                    case "ip" -> {
                        FormatDetector d = new FormatDetector(Optional.empty(), Optional.empty());
                        new LineReader(in, 1 << 20).forEachLine((b, f, t, o) -> {
                            ParsedLine l = d.parse(b, f, t);
                            sink += IpAddressParser.parseClientField(l.client.bytes, l.client.from, l.client.to)
                                    .low();
                        });
                    }
                    case "counts" ->
                        sink += new LogScanner(TestSettings.scanOptions(
                                        "max-detailed-ips=0", "max-uncompressed-bytes=" + (1L << 40)))
                                .scan(in)
                                .lines();
                    default ->
                        sink += new LogScanner(TestSettings.scanOptions())
                                .scan(in)
                                .lines();
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(
                    "%s pass %d: %.0f MB/s wall, %.0f MB/s of thread CPU time%n",
                    stage, p, size / 1e6 / s, size / 1e6 / cpu);
        }
    }
}
