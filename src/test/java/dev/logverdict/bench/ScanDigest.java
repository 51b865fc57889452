package dev.logverdict.bench;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.log.activity.ActivityDetail;
import dev.logverdict.support.TestSettings;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Scans a log and prints one SHA-256 over everything found per client (counts, times, signals, statuses,
 * methods, top paths and agents, hourly series) and the truncation notes. A change meant to make the scan
 * faster must print the same digest as the commit before it, on the benchmark file and on a shuffled log.
 */
public final class ScanDigest {

    private ScanDigest() {}

    public static void main(String[] args) throws Exception {
        TrafficScan scan;
        try (InputStream in = new FileInputStream(args[0])) {
            scan = new LogScanner(TestSettings.scanOptions()).scan(in);
        }
        System.out.printf(
                "%d clients, truncated %s, digest %s%n", scan.clients().size(), scan.truncated(), of(scan));
    }

    /** One SHA-256 over everything the scan found per client (in address order) and what it cut short. */
    public static String of(TrafficScan scan) throws NoSuchAlgorithmException {
        List<String> rows = new ArrayList<>();
        scan.clients().forEach((ip, activity) -> {
            StringBuilder row = new StringBuilder()
                    .append(ip)
                    .append(' ')
                    .append(activity.requests())
                    .append(' ')
                    .append(activity.bytes())
                    .append(' ')
                    .append(activity.firstSeen())
                    .append(' ')
                    .append(activity.lastSeen())
                    .append(' ')
                    .append(activity.signals());
            ActivityDetail detail = activity.detail();
            if (detail != null) {
                row.append(' ')
                        .append(detail.statusClasses())
                        .append(detail.methods())
                        .append(detail.topPaths())
                        .append(detail.topUserAgents())
                        .append(detail.hourlyStart())
                        .append(Arrays.toString(detail.hourly()));
            }
            rows.add(row.toString());
        });
        rows.sort(null);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        rows.forEach(row -> digest.update(row.getBytes(StandardCharsets.UTF_8)));
        digest.update(scan.truncated().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }
}
