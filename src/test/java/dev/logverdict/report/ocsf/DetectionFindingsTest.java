package dev.logverdict.report.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logverdict.report.Report;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.export.GzipJsonLines;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.support.GzipLines;
import dev.logverdict.support.ReportSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionFindingsTest {

    private static final ObjectMapper SNAKE = new GzipJsonLines().mapper();

    private List<JsonNode> records(Report report) {
        return StreamSupport.stream(
                        DetectionFindings.of(report, "soc-logs", "reports/web.log.json")
                                .spliterator(),
                        false)
                .map(finding -> (JsonNode) SNAKE.valueToTree(finding))
                .toList();
    }

    @Test
    void everyRecordValidatesAgainstOcsf110DetectionFinding() {
        List<JsonNode> records = records(SampleReports.mixedVerdicts());

        assertThat(records).isNotEmpty();
        for (JsonNode record : records) {
            assertThat(ReportSchema.ocsfErrors(record.toString()))
                    .as(record.toPrettyString())
                    .isEmpty();
        }
    }

    @Test
    void theVendoredSchemaRefusesWhatOcsfDoesNotDefine() {
        ObjectNode record = (ObjectNode) records(SampleReports.mixedVerdicts()).get(0);
        ObjectNode misnamed = record.deepCopy();
        misnamed.put("src_ip", "192.0.2.1");
        ObjectNode otherClass = record.deepCopy();
        otherClass.put("class_uid", 2001);
        ObjectNode noProduct = record.deepCopy();
        ((ObjectNode) noProduct.get("metadata")).remove("product");

        assertThat(ReportSchema.ocsfErrors(misnamed.toString())).isNotEmpty();
        assertThat(ReportSchema.ocsfErrors(otherClass.toString())).isNotEmpty();
        assertThat(ReportSchema.ocsfErrors(noProduct.toString())).isNotEmpty();
    }

    @Test
    void onlyFlaggedClientsAreDetections() {
        List<String> ips = records(SampleReports.mixedVerdicts()).stream()
                .map(record -> record.at("/observables/0/value").asText())
                .toList();

        // The scanner (VirusTotal) and the Tor exit (blocklist); not the harmless resolver nor the private
        // address nobody flagged.
        assertThat(ips).containsExactlyInAnyOrder("185.220.101.7", "2a0b:4340:1::66");
    }

    @Test
    void aMaliciousClientCarriesItsReputationSignalsActivityAndSourceLog() {
        JsonNode scanner = records(SampleReports.mixedVerdicts()).stream()
                .filter(record -> record.at("/observables/0/value").asText().equals("185.220.101.7"))
                .findFirst()
                .orElseThrow();

        assertThat(scanner.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(scanner.get("type_uid").asLong()).isEqualTo(200401);
        assertThat(scanner.get("severity_id").asInt()).isEqualTo(4);
        assertThat(scanner.get("count").asInt()).isEqualTo(2);
        assertThat(scanner.at("/metadata/version").asText()).isEqualTo("1.1.0");
        assertThat(scanner.at("/metadata/product/name").asText()).isEqualTo("logverdict");
        assertThat(scanner.at("/observables/0/type_id").asInt()).isEqualTo(2);
        assertThat(scanner.at("/observables/0/reputation/provider").asText()).isEqualTo("virustotal");
        assertThat(scanner.at("/observables/0/reputation/score_id").asInt()).isEqualTo(10);
        assertThat(scanner.at("/observables/0/reputation/base_score").asDouble())
                .isEqualTo(7.0);
        assertThat(scanner.at("/finding_info/data_sources/0").asText()).isEqualTo("s3://soc-logs/logs/web.log");
        assertThat(scanner.at("/finding_info/src_url").asText()).isEqualTo("s3://soc-logs/reports/web.log.json");
        assertThat(scanner.at("/finding_info/types").toString()).contains("Reputation: malicious");
        assertThat(scanner.at("/evidences/0/src_endpoint/ip").asText()).isEqualTo("185.220.101.7");
        assertThat(scanner.at("/evidences/0/data/requests").asLong()).isEqualTo(2);
        assertThat(scanner.at("/evidences/0/data/signals").size()).isPositive();
        assertThat(scanner.at("/start_time").asLong())
                .isLessThan(scanner.at("/end_time").asLong());
    }

    @Test
    void signalsWithoutAVerdictAreALowSeverityDetectionWithoutAProvider() {
        Report report = SampleReports.build(SampleReports.MIXED_LOG, Map.of());

        List<JsonNode> records = records(report);

        assertThat(records).hasSize(1);
        JsonNode scanner = records.get(0);
        assertThat(scanner.at("/observables/0/value").asText()).isEqualTo("185.220.101.7");
        assertThat(scanner.get("severity_id").asInt()).isEqualTo(2);
        assertThat(scanner.at("/observables/0/reputation/score_id").asInt()).isZero();
        assertThat(scanner.at("/observables/0/reputation").has("provider")).isFalse();
        assertThat(ReportSchema.ocsfErrors(scanner.toString())).isEmpty();
    }

    @Test
    void eachWalkBuildsTheDetectionsAgainAndAnyInAgreesWithThem() {
        Iterable<DetectionFinding> detections =
                DetectionFindings.of(SampleReports.mixedVerdicts(), "soc-logs", "reports/web.log.json");

        assertThat(detections).hasSize(2);
        assertThat(detections).hasSize(2);
        assertThat(DetectionFindings.anyIn(SampleReports.mixedVerdicts())).isTrue();
        assertThat(DetectionFindings.anyIn(SampleReports.build(
                        "10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl/8\"\n",
                        Map.of())))
                .isFalse();
    }

    @Test
    void theUidIsStableForOneLogVersionAndDiffersForAnother() {
        String first = records(SampleReports.mixedVerdicts())
                .get(0)
                .at("/finding_info/uid")
                .asText();
        String again = records(SampleReports.mixedVerdicts())
                .get(0)
                .at("/finding_info/uid")
                .asText();
        StoredObject rewritten = new StoredObject("soc-logs", "logs/web.log", null, "def456", 1234);
        String other = records(SampleReports.mixedVerdicts(rewritten))
                .get(0)
                .at("/finding_info/uid")
                .asText();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(records(SampleReports.mixedVerdicts())
                        .get(0)
                        .at("/metadata/uid")
                        .asText())
                .isEqualTo(first);
    }

    @Test
    void jsonLinesHoldOneRecordPerLine() throws IOException {
        Iterable<DetectionFinding> detections =
                DetectionFindings.of(SampleReports.mixedVerdicts(), "soc-logs", "reports/web.log.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long lines = new GzipJsonLines().write(detections.iterator(), out);

        List<String> split = GzipLines.of(out.toByteArray());
        assertThat(lines).isEqualTo(split.size()).isEqualTo(2);
        for (String line : split) {
            assertThat(ReportSchema.ocsfErrors(line)).as(line).isEmpty();
        }
    }
}
