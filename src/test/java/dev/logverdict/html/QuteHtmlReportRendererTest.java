package dev.logverdict.html;

import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.view.ReportViews;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.logverdict.report.SampleReports.line;
import static org.assertj.core.api.Assertions.assertThat;

class QuteHtmlReportRendererTest {

    @Test
    void rendersTheNetworksCountedTogetherWithTheirTextEscaped() throws IOException {
        String log = line("8.8.8.8", "10:00:00", "/", "Mozilla/5.0")
                + line("2a05:d018:1234:5678::1", "10:00:01", "/.env", "<script>x</script>")
                + line("2a05:d018:1234:5678::2", "10:00:02", "/", "Mozilla/5.0");
        TrafficScan scan = new LogScanner(TestSettings.scanOptions("max-tracked-ips=1"))
                .scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.US_ASCII)));

        String html = new String(
                new QuteHtmlReportRenderer()
                        .render(ReportViews.of(SampleReports.build(scan, Map.of()), 10, "reports/web.log.json")),
                StandardCharsets.UTF_8);

        assertThat(html)
                .contains("<section id=\"aggregated\">", "Networks counted together")
                .contains("<td class=\"text\">2a05:d018:1234:5678::/64</td><td class=\"num\">2</td>")
                .contains("sensitiveFileProbe 1")
                .doesNotContain("<script>x</script>");
    }

    @Test
    void leavesTheSectionOutWhenEveryAddressWasTracked() throws IOException {
        String html = new String(
                new QuteHtmlReportRenderer()
                        .render(ReportViews.of(
                                SampleReports.build(line("8.8.8.8", "10:00:00", "/", "Mozilla/5.0"), Map.of()),
                                10,
                                "reports/web.log.json")),
                StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("id=\"aggregated\"");
    }
}
