package dev.logverdict.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.Assessment;
import dev.logverdict.support.ReportSchema;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.logverdict.report.SampleReports.build;
import static dev.logverdict.report.SampleReports.harmless;
import static dev.logverdict.report.SampleReports.ip;
import static dev.logverdict.report.SampleReports.line;
import static dev.logverdict.report.SampleReports.virusTotalMalicious;
import static org.assertj.core.api.Assertions.assertThat;

class ReportRefreshTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG = line("185.220.101.7", "10:00:00", "/", "curl")
            + line("91.92.98.200", "10:00:00", "/", "curl")
            + line("91.92.99.1", "10:00:00", "/", "curl")
            + line("91.92.99.1", "10:01:00", "/", "curl")
            + line("91.92.99.2", "10:00:00", "/", "curl")
            + line("91.92.99.3", "10:00:00", "/", "curl")
            + line("91.92.99.3", "10:02:00", "/", "curl")
            + line("91.92.99.3", "10:03:00", "/", "curl")
            + line("10.0.0.5", "10:00:00", "/", "curl");

    /** A scan that answered two IPs and left three waiting. */
    private static byte[] storedReport() throws IOException {
        Report report = build(
                LOG,
                Map.of(
                        ip("185.220.101.7"),
                        harmless(),
                        ip("91.92.98.200"),
                        harmless(),
                        ip("91.92.99.1"),
                        Assessment.deferred("queued"),
                        ip("91.92.99.2"),
                        Assessment.deferred("queued"),
                        ip("91.92.99.3"),
                        Assessment.deferred("queued")));
        return written(report);
    }

    private static byte[] written(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        return out.toByteArray();
    }

    private static List<String> order(Report report) {
        List<String> ips = new ArrayList<>();
        report.ips().forEach(entry -> ips.add(entry.ip() + " " + entry.verdict()));
        return ips;
    }

    @Test
    void answersMoveTheirEntriesIntoRiskOrderAndTheSummaryIsCountedAgain() throws IOException {
        try (ReportRefresh refresh = ReportRefresh.of(
                new ByteArrayInputStream(storedReport()),
                Map.of(
                        "91.92.99.2",
                        virusTotalMalicious(6),
                        "91.92.99.1",
                        harmless(),
                        "185.220.101.7",
                        virusTotalMalicious(9)),
                null)) {
            Report report = refresh.report();

            assertThat(order(report))
                    .containsExactly(
                            "91.92.99.2 malicious",
                            "91.92.99.3 not_checked",
                            "91.92.99.1 harmless",
                            "91.92.98.200 harmless",
                            "185.220.101.7 harmless",
                            "10.0.0.5 not_checked");
            assertThat(order(report)).as("walked twice, read twice").hasSize(6);
            assertThat(refresh.answered()).isEqualTo(2);
            assertThat(refresh.stillWaiting()).isEqualTo(1);
            Report.Summary summary = report.summary();
            assertThat(summary.publicIps()).isEqualTo(5);
            assertThat(summary.malicious()).isEqualTo(1);
            assertThat(summary.harmless()).isEqualTo(3);
            assertThat(summary.notChecked()).isEqualTo(1);
            assertThat(summary.lookedUp() + summary.fromCache() + summary.fromFeeds() + summary.notChecked())
                    .isEqualTo(summary.publicIps());
            assertThat(summary.coverage()).isEqualTo(0.8);

            String text = new String(written(report.withOutputs(List.of())));
            ReportSchema.assertValid(text);
            JsonNode json = JSON.readTree(text);
            assertThat(json.at("/ips/0/virustotal/malicious").asInt()).isEqualTo(6);
            assertThat(json.at("/ips/0/activity/bytes").asLong())
                    .as("what the scan saw is kept")
                    .isEqualTo(512);
            assertThat(json.at("/source/key").asText()).isEqualTo("logs/web.log");
        }
    }

    @Test
    void anAnsweredEntryIsNeverChangedAgain() throws IOException {
        try (ReportRefresh refresh = ReportRefresh.of(
                new ByteArrayInputStream(storedReport()),
                Map.of("185.220.101.7", virusTotalMalicious(9), "10.0.0.5", virusTotalMalicious(9)),
                null)) {
            assertThat(refresh.answered()).isZero();
            assertThat(order(refresh.report())).contains("185.220.101.7 harmless", "10.0.0.5 not_checked");
        }
    }

    @Test
    void aClosedWindowEndsTheWaitWithItsReason() throws IOException {
        try (ReportRefresh refresh = ReportRefresh.of(
                new ByteArrayInputStream(storedReport()),
                Map.of("91.92.99.3", virusTotalMalicious(3)),
                "window_closed: too late")) {
            Report report = refresh.report();
            assertThat(refresh.stillWaiting()).isZero();
            List<String> reasons = new ArrayList<>();
            report.ips().forEach(entry -> {
                if (entry.verdict().equals("not_checked") && entry.scope().equals("public")) {
                    reasons.add(entry.ip() + ": " + entry.lookup().reason());
                }
            });
            assertThat(reasons)
                    .containsExactlyInAnyOrder(
                            "91.92.99.1: window_closed: too late", "91.92.99.2: window_closed: too late");
            assertThat(order(report).get(0)).isEqualTo("91.92.99.3 malicious");
        }
    }

    @Test
    void whatIsNotAReportIsRefused() {
        Assertions.assertThatThrownBy(
                        () -> ReportRefresh.of(new ByteArrayInputStream("{\"ips\": []}".getBytes()), Map.of(), null))
                .isInstanceOf(IOException.class);
    }
}
