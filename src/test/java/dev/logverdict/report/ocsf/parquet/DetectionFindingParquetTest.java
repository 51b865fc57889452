package dev.logverdict.report.ocsf.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.export.GzipJsonLines;
import dev.logverdict.report.ocsf.DetectionFinding;
import dev.logverdict.report.ocsf.DetectionFindings;
import dev.logverdict.support.ParquetFiles;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionFindingParquetTest {

    private static final ObjectMapper SNAKE = new GzipJsonLines().mapper();

    private static List<DetectionFinding> detections() {
        List<DetectionFinding> detections = new ArrayList<>();
        DetectionFindings.of(SampleReports.mixedVerdicts(), "soc-logs", "reports/web.log.json")
                .forEach(detections::add);
        return detections;
    }

    private static byte[] parquet(List<DetectionFinding> findings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = new DetectionFindingParquet().write(findings, out);
        assertThat(written).isEqualTo(findings.size());
        return out.toByteArray();
    }

    @Test
    void theFileIsParquetWithGzipPagesAndTheOcsfColumns() throws IOException {
        byte[] file = parquet(detections());

        assertThat(new String(Arrays.copyOfRange(file, 0, 4), StandardCharsets.US_ASCII))
                .isEqualTo("PAR1");
        assertThat(new String(Arrays.copyOfRange(file, file.length - 4, file.length), StandardCharsets.US_ASCII))
                .isEqualTo("PAR1");
        assertThat(ParquetFiles.schemaOf(file)).isEqualTo(DetectionFindingParquet.SCHEMA);
    }

    @Test
    void everyRecordReadsBackAsTheJsonLineHoldsIt() throws IOException {
        List<DetectionFinding> findings = detections();

        List<JsonNode> read = ParquetFiles.read(parquet(findings));

        assertThat(read).hasSize(findings.size());
        for (int index = 0; index < findings.size(); index++) {
            ObjectNode expected = SNAKE.valueToTree(findings.get(index));
            // OCSF's json_t travels as JSON text in a string column.
            for (JsonNode evidence : expected.withArray("evidences")) {
                ((ObjectNode) evidence).put("data", evidence.get("data").toString());
            }
            assertThat(read.get(index)).isEqualTo(expected);
        }
    }

    @Test
    void aFieldWithoutAColumnIsRefusedRatherThanDropped() {
        ParquetRecordWriter writer = new ParquetRecordWriter(
                MessageTypeParser.parseMessageType("message m { required binary ip (STRING); }"), SNAKE);

        assertThatThrownBy(() -> writer.write(
                        List.of(Map.of("ip", "192.0.2.1", "port", 443)).iterator(), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Parquet column for port");
    }

    @Test
    void aMissingRequiredColumnIsRefused() {
        ParquetRecordWriter writer = new ParquetRecordWriter(
                MessageTypeParser.parseMessageType("message m { required binary ip (STRING); optional int32 n; }"),
                SNAKE);

        assertThatThrownBy(() -> writer.write(List.of(Map.of("n", 1)).iterator(), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required ip is missing");
    }
}
