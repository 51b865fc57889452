package dev.logverdict.report.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.report.Report;
import dev.logverdict.report.SampleReports;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.support.GzipLines;
import dev.logverdict.support.ReportSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dev.logverdict.report.SampleReports.line;
import static org.assertj.core.api.Assertions.assertThat;

class FindingsWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Report sample() {
        return SampleReports.mixedVerdicts();
    }

    @Test
    void writesOneValidLinePerClientInTheReportsOrder() throws IOException {
        Report report = sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = new FindingsWriter().write(report, "soc-logs", "reports/web.log.json", out);

        String text = gunzip(out.toByteArray());
        assertThat(text).endsWith("}\n");
        List<String> lines = List.of(text.split("\n"));
        assertThat(written)
                .isEqualTo(lines.size())
                .isEqualTo(report.ips().size())
                .isEqualTo(4);
        List<String> ips = new ArrayList<>();
        for (String line : lines) {
            assertThat(ReportSchema.findingErrors(line)).as(line).isEmpty();
            ips.add(JSON.readTree(line).get("ip").asText());
        }
        assertThat(ips)
                .containsExactlyElementsOf(
                        report.ips().stream().map(Report.IpEntry::ip).toList());
    }

    @Test
    void aMaliciousClientCarriesItsVerdictActivitySignalsAndSource() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsWriter().write(sample(), "soc-logs", "reports/web.log.json", out);

        JsonNode first = JSON.readTree(gunzip(out.toByteArray()).split("\n")[0]);

        assertThat(first.get("ip").asText()).isEqualTo("185.220.101.7");
        assertThat(first.get("verdict").asText()).isEqualTo("malicious");
        assertThat(first.get("virustotal_malicious").asInt()).isEqualTo(7);
        assertThat(first.get("requests").asLong()).isEqualTo(2);
        assertThat(first.get("signals").fieldNames()).toIterable().isNotEmpty();
        assertThat(first.get("top_paths").get(0).get("value").asText()).isIn("/.env", "/");
        assertThat(first.get("log_bucket").asText()).isEqualTo("soc-logs");
        assertThat(first.get("log_key").asText()).isEqualTo("logs/web.log");
        assertThat(first.get("report_key").asText()).isEqualTo("reports/web.log.json");
        assertThat(first.has("firstSeen"))
                .as("snake_case, as the Athena columns")
                .isFalse();
        assertThat(first.get("first_seen").asText()).startsWith("20");
    }

    @Test
    void filesFindingsUnderTheDayTheLogVersionWasStoredElseTheScanDay() {
        StoredObject stored = new StoredObject(
                "soc-logs", "logs/web.log", "v1", "abc123", 1234, Instant.parse("2026-11-30T23:59:59Z"));

        Report withStoreTime = SampleReports.mixedVerdicts(stored);

        assertThat(withStoreTime.source().lastModified()).isEqualTo("2026-11-30T23:59:59Z");
        assertThat(FindingsWriter.partitionDay(withStoreTime)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(FindingsWriter.partitionDay(sample()))
                .as("no store time: the scan's day")
                .isEqualTo(LocalDate.of(2026, 11, 27));
    }

    private static String gunzip(byte[] gzip) {
        return GzipLines.text(gzip);
    }
}
