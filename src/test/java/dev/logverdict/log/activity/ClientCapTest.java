package dev.logverdict.log.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.SampleReports;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A log of millions of distinct addresses, the attacker's cheapest way to exhaust memory (an IPv6 /64
 * holds 2^64 of them): past the tracking cap addresses are counted by network, the report says so, and
 * no request is lost.
 */
class ClientCapTest {

    private static final String SWEPT = "2001:db8:bad:f00d::/64";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code lines} lines, three of every four from a distinct address of one /64 and the fourth from a
     * random IPv4 address, made chunk by chunk so the test never holds the log.
     */
    static InputStream sweep(int lines, long seed) {
        Random random = new Random(seed);
        return new SequenceInputStream(new Enumeration<>() {
            private int made;

            @Override
            public boolean hasMoreElements() {
                return made < lines;
            }

            @Override
            public InputStream nextElement() {
                StringBuilder chunk = new StringBuilder();
                for (int end = Math.min(lines, made + 10_000); made < end; made++) {
                    String client = made % 4 == 3
                            ? IpAddress.ofV4(random.nextInt()).toString()
                            : IpAddress.ofV6(0x20010db80badf00dL, random.nextLong())
                                    .toString();
                    String path = made % 1_000 == 0 ? "/.env" : "/";
                    chunk.append(client)
                            .append(" - - [27/Nov/2026:10:00:00 +0000] \"GET ")
                            .append(path)
                            .append(" HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n");
                }
                return new ByteArrayInputStream(chunk.toString().getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    private static long requestsOf(TrafficScan scan) {
        return scan.clients().values().stream()
                        .mapToLong(ClientActivity::requests)
                        .sum()
                + scan.aggregated().values().stream()
                        .mapToLong(ClientActivity::requests)
                        .sum();
    }

    @Test
    void fourMillionDistinctAddressesKeepTheCapAndCountTheRestByNetwork() throws IOException {
        long heapBefore = usedHeap();
        TrafficScan scan = new LogScanner(TestSettings.scanOptions()).scan(sweep(4_000_000, 1));
        long retained = usedHeap() - heapBefore;

        assertThat(scan.lines()).isEqualTo(4_000_000);
        assertThat(scan.clients()).hasSize(TestSettings.scanOptions().maxTrackedIps());
        assertThat(requestsOf(scan)).as("no request lost").isEqualTo(4_000_000);
        // Every IPv6 address past the cap is its /64's; IPv4 ones fill the network cap, then count together.
        long trackedV6 =
                scan.clients().keySet().stream().filter(ip -> ip.version() == 6).count();
        assertThat(scan.aggregated().get(SWEPT).requests()).isEqualTo(3_000_000 - trackedV6);
        assertThat(scan.aggregated().get(SWEPT).signals()).containsKey(Signal.SENSITIVE_FILE_PROBE);
        assertThat(scan.aggregated()).hasSize(ClientIndex.MAX_NETWORKS + 1).containsKey(TrafficScan.UNTRACKED);
        assertThat(scan.truncated())
                .anyMatch(note -> note.contains("counted by network"))
                .anyMatch(note -> note.contains("counted together"));
        // What the scan holds for the report: the same whatever the number of addresses past the cap.
        assertThat(retained).as("heap held by the scan, bytes").isLessThan(300L << 20);
    }

    @Test
    void theReportListsTheNetworksAndValidates() throws IOException {
        TrafficScan scan = new LogScanner(TestSettings.scanOptions("max-tracked-ips=1000")).scan(sweep(20_000, 2));
        assertThat(scan.clients()).hasSize(1_000);
        assertThat(requestsOf(scan)).isEqualTo(20_000);

        Report report = SampleReports.build(scan, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        String json = out.toString(StandardCharsets.UTF_8);
        ReportSchema.assertValid(json);
        JsonNode aggregated = JSON.readTree(json).path("aggregated");
        assertThat(aggregated.get(0).path("network").asText()).isEqualTo(SWEPT);
        assertThat(aggregated.get(0).path("requests").asLong())
                .isEqualTo(scan.aggregated().get(SWEPT).requests());
        assertThat(aggregated.size()).isEqualTo(scan.aggregated().size());
        assertThat(JSON.readTree(json).path("ips").size()).isEqualTo(1_000);
        assertThat(JSON.readTree(json).path("summary").path("truncated").toString())
                .contains("counted by network");
    }

    @Test
    void anAggregatedNetworkIsNamedByTheBlocklistThatHoldsAllOfIt() throws IOException {
        String log = String.join(
                "",
                line("198.51.100.1"),
                line("2a05:d018:1234:5678::1"),
                line("2a05:d018:1234:5678:ffff::9"),
                line("185.220.101.7"),
                line("185.220.101.200"));
        TrafficScan scan = new LogScanner(TestSettings.scanOptions("max-tracked-ips=1"))
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.US_ASCII)));
        // The /64 lies inside the listed /48; the /24 only half inside the listed /25.
        OfflineIntel offline = OfflineIntel.ofBlocklists(
                List.of(Blocklist.parse("drop", new StringReader("2a05:d018:1234::/48\n185.220.101.0/25\n"))));

        Report report = ReportBuilder.build(
                SampleReports.SOURCE,
                scan,
                new ReputationLookups.Outcome(
                        Map.of(), IntelStatus.NOT_CONFIGURED, null, new IntelStats(0, 0, null, 0, 0, 0, null)),
                TestSettings.verdictPolicy(),
                offline,
                SampleReports.GENERATED);

        assertThat(report.aggregated())
                .extracting(Report.Aggregated::network, Report.Aggregated::requests, Report.Aggregated::blocklist)
                .containsExactly(tuple("185.220.101.0/24", 2L, null), tuple("2a05:d018:1234:5678::/64", 2L, "drop"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        ReportSchema.assertValid(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hourlySeriesStopGrowingAtTheirBoundAndSaySo() {
        // Every client active in every hour of its window: the most a log can make the series hold.
        ActivityContext context = new ActivityContext(new Random(4));
        long bound = 10_000;
        HourlySeries series = new HourlySeries(context, 1 << 10, bound);
        int clients = 100;
        long requests = 0;
        for (int client = 0; client < clients; client++) {
            series.add(client);
        }
        for (long hour = 490_000; hour < 490_000 + ActivityContext.MAX_HOURS; hour++) {
            for (int client = 0; client < clients; client++) {
                series.count(client, hour);
                requests++;
            }
        }
        series.flush();

        assertThat(series.liveBuckets()).isLessThanOrEqualTo(bound);
        long charted = 0;
        for (int client = 0; client < clients; client++) {
            int[] hourly = series.hourly(client);
            charted += hourly == null ? 0 : Arrays.stream(hourly).asLongStream().sum();
        }
        assertThat(context.hourlyDropped).isPositive();
        assertThat(charted + context.hourlyDropped)
                .as("every request charted or counted as left out")
                .isEqualTo(requests);
    }

    private static String line(String client) {
        return client + " - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n";
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
