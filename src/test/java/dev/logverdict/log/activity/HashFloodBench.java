package dev.logverdict.log.activity;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The time of a scan of {@code count} clients and paths built to collide under the scanner's old unkeyed
 * hashes ({@link UnkeyedHashes}) against one of as many random ones of the same shape, each scanned
 * {@code rounds} times in a fresh scanner; prints the median of each and their ratio.
 * <p>
 * {@code java -XX:TieredStopAtLevel=1 -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * dev.logverdict.log.HashFloodBench 40000 5}
 */
public final class HashFloodBench {

    private HashFloodBench() {}

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Random random = new Random(7);
        byte[] crafted =
                log(UnkeyedHashes.collidingAddresses(count, random), UnkeyedHashes.collidingPaths(count, random));
        List<String> addresses = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long low = random.nextLong();
            addresses.add(UnkeyedHashes.sweptAddress(low));
            StringBuilder path = new StringBuilder("/");
            while (path.length() < 24) {
                path.append(UnkeyedHashes.PATH_BYTES.charAt(random.nextInt(UnkeyedHashes.PATH_BYTES.length())));
            }
            paths.add(path.toString());
        }
        byte[] ordinary = log(addresses, paths);
        long[] craftedTimes = new long[rounds];
        long[] ordinaryTimes = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            ordinaryTimes[round] = timeScan(ordinary, count);
            craftedTimes[round] = timeScan(crafted, count);
        }
        Arrays.sort(craftedTimes);
        Arrays.sort(ordinaryTimes);
        long craftedMedian = craftedTimes[rounds / 2];
        long ordinaryMedian = ordinaryTimes[rounds / 2];
        System.out.printf(
                "%,d clients and paths: colliding %,d ms, random %,d ms (medians of %d), ratio %.2f%n",
                count,
                craftedMedian / 1_000_000,
                ordinaryMedian / 1_000_000,
                rounds,
                (double) craftedMedian / ordinaryMedian);
    }

    private static long timeScan(byte[] log, int count) throws IOException {
        long start = System.nanoTime();
        TrafficScan scan = new LogScanner(TestSettings.scanOptions()).scan(new ByteArrayInputStream(log));
        long time = System.nanoTime() - start;
        if (scan.clients().size() != count) {
            throw new IllegalStateException(scan.clients().size() + " clients, expected " + count);
        }
        return time;
    }

    /** Each client asks for every one of 16 paths from its own, so each path takes top-N slots often. */
    private static byte[] log(List<String> addresses, List<String> paths) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < addresses.size(); i++) {
            for (int k = 0; k < 16; k++) {
                log.append(addresses.get(i))
                        .append(" - - [27/Nov/2026:10:00:00 +0000] \"GET ")
                        .append(paths.get((i + k) % paths.size()))
                        .append(" HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n");
            }
        }
        return log.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
