package dev.logverdict.report;

import dev.logverdict.intel.Assessment;
import dev.logverdict.ip.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    private static final List<Report.Output> OUTPUTS = List.of(
            new Report.Output("html", "soc-logs", "reports/web.log.html", null),
            new Report.Output("waf-ipv4", "soc-logs", "reports/web.log.waf-ipv4.txt", 2L, 3L, 0L));

    /** A report on many clients, so most of its JSON is past the writer's own buffer. */
    private static Report manyClients() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            log.append(SampleReports.line("203.0.113." + (i % 250) + "", "10:00:00", "/page/" + i, "curl/8.0"));
            log.append(SampleReports.line("198.51." + (i / 250) + "." + (i % 250), "10:00:01", "/", "Mozilla/5.0"));
        }
        return SampleReports.build(log.toString(), Map.<IpAddress, Assessment>of());
    }

    @Test
    void writesTheSameJsonAsTheWholeReportAndAsksForTheOutputsOnlyAtTheEnd() throws IOException {
        Report report = manyClients();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        new ReportWriter().write(report.withOutputs(OUTPUTS), whole);

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        int[] sentBeforeOutputs = new int[1];
        new ReportWriter()
                .write(
                        report,
                        () -> {
                            sentBeforeOutputs[0] = streamed.size();
                            return OUTPUTS;
                        },
                        streamed);

        assertThat(streamed.toByteArray()).isEqualTo(whole.toByteArray());
        // Everything but the outputs and what the JSON generator still buffers had left before they were asked for.
        assertThat(sentBeforeOutputs[0]).isGreaterThan(whole.size() - 16 * 1024).isGreaterThan(100_000);
    }

    @Test
    void aFailureOfTheOutputsIsThrownAsItself() {
        Report report = SampleReports.mixedVerdicts();
        for (Exception failure : List.of(new IOException("AccessDenied"), new IllegalStateException("bug"))) {
            ReportWriter.WrittenOutputs failing = () -> {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            };
            assertThatThrownBy(() -> new ReportWriter().write(report, failing, new ByteArrayOutputStream()))
                    .isSameAs(failure);
        }
    }
}
