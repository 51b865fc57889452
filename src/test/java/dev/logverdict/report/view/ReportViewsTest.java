package dev.logverdict.report.view;

import dev.logverdict.intel.Assessment;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.SampleReports;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static dev.logverdict.report.SampleReports.build;
import static dev.logverdict.report.SampleReports.harmless;
import static dev.logverdict.report.SampleReports.ip;
import static dev.logverdict.report.SampleReports.line;
import static dev.logverdict.report.SampleReports.virusTotalMalicious;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReportViewsTest {

    /** 8 malicious clients, 30 harmless, 20 never checked (deferred), and 5 private ones. */
    private static Report crowded() {
        StringBuilder log = new StringBuilder();
        Map<IpAddress, Assessment> assessments = new HashMap<>();
        for (int i = 1; i <= 8; i++) {
            String address = "185.220.101." + i;
            for (int hour = 10; hour < 10 + i; hour++) {
                log.append(line(address, hour + ":00:00", "/.env", "sqlmap/1.7"));
            }
            assessments.put(ip(address), virusTotalMalicious(3));
        }
        for (int i = 1; i <= 30; i++) {
            log.append(line("8.8." + i + ".1", "10:00:00", "/", "Mozilla/5.0"));
            assessments.put(ip("8.8." + i + ".1"), harmless());
        }
        for (int i = 1; i <= 20; i++) {
            log.append(line("9.9." + i + ".1", "10:00:00", "/", "Mozilla/5.0"));
        }
        for (int i = 1; i <= 5; i++) {
            log.append(line("10.0.0." + i, "10:00:00", "/", "kube-probe"));
        }
        return build(log.toString(), assessments);
    }

    @Test
    void listsTheNetworksCountedTogetherBusiestFirst() throws IOException {
        String log = line("8.8.8.8", "10:00:00", "/", "Mozilla/5.0")
                + line("2a05:d018:1234:5678::1", "10:00:01", "/.env", "Mozilla/5.0")
                + line("2a05:d018:1234:5678::2", "10:00:02", "/", "Mozilla/5.0")
                + line("185.220.101.7", "10:00:03", "/", "Mozilla/5.0");
        TrafficScan scan = new LogScanner(TestSettings.scanOptions("max-tracked-ips=1"))
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.US_ASCII)));

        ReportView view = ReportViews.of(SampleReports.build(scan, Map.of()), 10, "reports/web.log.json");

        assertThat(view.aggregated())
                .extracting(
                        ReportView.AggregatedRow::network,
                        ReportView.AggregatedRow::requests,
                        ReportView.AggregatedRow::signals)
                .containsExactly(
                        tuple("2a05:d018:1234:5678::/64", 2L, "sensitiveFileProbe 1"),
                        tuple("185.220.101.0/24", 1L, ""));
        assertThat(view.notes()).anyMatch(note -> note.contains("counted by network"));
    }

    @Test
    void capsTheTableButStillCountsEveryUncheckedIpWithItsReason() {
        ReportView view = ReportViews.of(crowded(), 10, "reports/web.log.json");

        assertThat(view.rows()).hasSize(10);
        assertThat(view.rowsCapped()).isTrue();
        assertThat(view.totalIps()).isEqualTo(63);
        assertThat(view.rows().get(0).verdict()).isEqualTo("malicious");
        assertThat(view.rows().get(0).ip()).as("busiest malicious first").isEqualTo("185.220.101.8");
        assertThat(view.notChecked()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(20);
            assertThat(group.status()).isEqualTo("deferred");
            assertThat(group.sample()).hasSize(ReportViews.NOT_CHECKED_SAMPLE);
        });
        assertThat(view.nonPublicIps()).isEqualTo(5);
        assertThat(view.coverage().checkedWidth()).isEqualTo(66);
    }

    @Test
    void chartsTheFiveWorstOffendersInsideTheirBox() {
        ReportView view = ReportViews.of(crowded(), 500, "reports/web.log.json");

        assertThat(view.charts()).hasSize(ReportViews.CHARTED_CLIENTS);
        ReportView.Chart busiest = view.charts().get(0);
        assertThat(busiest.ip()).isEqualTo("185.220.101.8");
        assertThat(busiest.peak()).isEqualTo(1);
        String[] points = busiest.points().split(" ");
        assertThat(points).hasSize(8);
        for (String point : points) {
            double x = Double.parseDouble(point.split(",")[0]);
            double y = Double.parseDouble(point.split(",")[1]);
            assertThat(x).isBetween(0.0, (double) busiest.width());
            assertThat(y).isBetween(0.0, (double) busiest.height());
        }
        assertThat(busiest.from()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(busiest.to()).isEqualTo("2026-11-27T18:00:00Z");
        assertThat(view.rowsCapped()).isFalse();
    }

    @Test
    void bytesReadLikeAHumanWouldWriteThem() {
        assertThat(ReportViews.humanBytes(512)).isEqualTo("512 B");
        assertThat(ReportViews.humanBytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ReportViews.humanBytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }
}
