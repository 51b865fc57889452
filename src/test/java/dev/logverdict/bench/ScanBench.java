package dev.logverdict.bench;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process, N passes over a log, printing MB/s per pass and what was found: the process whose peak RSS
 * is measured (with /usr/bin/time -v) next to the JMH figures.
 */
public final class ScanBench {

    private ScanBench() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/access_1g.log");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long size = Files.size(file);
        ScanOptions options = TestSettings.scanOptions();
        if (args.length > 2) {
            // Third argument: how many IPs get full activity detail (0 = counts, times and signals only).
            options = TestSettings.scanOptions("max-detailed-ips=" + Integer.parseInt(args[2]));
        }
        for (int pass = 1; pass <= passes; pass++) {
            long start = System.nanoTime();
            TrafficScan scan;
            try (InputStream in = new FileInputStream(file.toFile())) {
                scan = new LogScanner(options).scan(in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long liveMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
            System.out.printf(
                    "pass %d: %,d bytes in %.2f s = %.0f MB/s; %,d lines, %,d malformed, %,d unique IPs; "
                            + "heap in use after the pass, result still held: %d MB%n",
                    pass,
                    size,
                    seconds,
                    size / 1e6 / seconds,
                    scan.lines(),
                    scan.malformedLines(),
                    scan.clients().size(),
                    liveMb);
        }
    }
}
