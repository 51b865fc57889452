package dev.logverdict.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.report.Report;
import dev.logverdict.scan.ScanMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMetricFormatTest {

    private static final Set<String> CLOUDWATCH_UNITS = Set.of("Bytes", "Count", "Percent", "Milliseconds");

    @Test
    void oneLineWhoseDirectiveNamesEveryMetricAsATopLevelNumber() throws Exception {
        Report.Summary summary =
                new Report.Summary(1000, 990, 10, 40, 30, 4, 6, 2, 18, 3, 1, 5, 3, 0.4, List.of(), Map.of());
        ScanMetrics.ScanMeasurement measurement =
                new ScanMetrics.ScanMeasurement("soc-logs", "logs/a.log", 123_456, summary, 250, 1200, 80);

        String line =
                EmbeddedMetricFormat.line(measurement, "stack-scan", "req-1", Instant.ofEpochMilli(1_764_000_000_000L));

        assertThat(line).doesNotContain("\n");
        JsonNode record = new ObjectMapper().readTree(line);
        assertThat(record.path("_aws").path("Timestamp").asLong()).isEqualTo(1_764_000_000_000L);
        JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("logverdict");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"FunctionName\"]]");
        assertThat(record.path("FunctionName").asText()).isEqualTo("stack-scan");
        List<String> names = new ArrayList<>();
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            names.add(name);
            assertThat(CLOUDWATCH_UNITS).as(name).contains(metric.path("Unit").asText());
            assertThat(record.path(name).isNumber())
                    .as(name + " is a top-level number")
                    .isTrue();
        }
        assertThat(names)
                .containsExactly(
                        "BytesScanned",
                        "Lines",
                        "MalformedLines",
                        "UniqueIps",
                        "PublicIps",
                        "LookedUp",
                        "FromCache",
                        "FromFeeds",
                        "NotChecked",
                        "Malicious",
                        "Coverage",
                        "ScanTime",
                        "LookupTime",
                        "ReportTime");
        assertThat(record.path("BytesScanned").asLong()).isEqualTo(123_456);
        assertThat(record.path("PublicIps").asLong()).isEqualTo(30);
        assertThat(record.path("NotChecked").asLong()).isEqualTo(18);
        assertThat(record.path("Coverage").asDouble()).isEqualTo(40.0);
        assertThat(record.path("LookupTime").asLong()).isEqualTo(1200);
        assertThat(record.path("requestId").asText()).isEqualTo("req-1");
        assertThat(record.path("key").asText()).isEqualTo("logs/a.log");
    }

    @Test
    void withoutARequestIdTheRecordSaysNoneRatherThanAnEmptyId() throws Exception {
        Report.Summary summary = new Report.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0, List.of(), Map.of());
        String line = EmbeddedMetricFormat.line(
                new ScanMetrics.ScanMeasurement("b", "k", 0, summary, 0, 0, 0), "local", null, Instant.EPOCH);
        JsonNode record = new ObjectMapper().readTree(line);
        assertThat(record.has("requestId")).isFalse();
        assertThat(record.path("Coverage").asLong()).isEqualTo(100);
    }
}
