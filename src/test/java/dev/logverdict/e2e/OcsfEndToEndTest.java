package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.scan.Priming;
import dev.logverdict.support.GzipLines;
import dev.logverdict.support.ParquetFiles;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With OCSF on and a Security Lake custom source set: the detections land as OCSF JSON lines beside the
 * findings and as Parquet in the lake's partition of the log's day, once per log version.
 */
@QuarkusTest
@TestProfile(OcsfEndToEndTest.WithSecurityLake.class)
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class OcsfEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final String LAKE_PREFIX = "ext/logverdict/region=eu-west-1/accountId=123456789012/";

    public static class WithSecurityLake implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "logverdict.outputs.ocsf", "true",
                    // The function's own role writes (no custom source role): the test's S3Proxy bucket.
                    "logverdict.ocsf.security-lake.location", "s3://" + BUCKET + "/ext/logverdict/",
                    "logverdict.ocsf.security-lake.region", "eu-west-1",
                    "logverdict.ocsf.security-lake.account-id", "123456789012");
        }
    }

    @Inject
    S3Client s3;

    @Inject
    Priming priming;

    @Test
    void primingAlsoRunsTheOcsfAndParquetWriters() {
        assertThat(priming.prime()).contains("ocsf", "security-lake");
    }

    @Test
    void writesTheDetectionsAsOcsfJsonLinesAndAsParquetInTheLakesPartition() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        S3Buckets.deleteAll(s3, BUCKET, "ocsf/");
        S3Buckets.deleteAll(s3, BUCKET, "ext/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/bad.txt", "185.220.101.61\n");
        String log = line("185.220.101.61", "/.env") + line("8.8.4.4", "/") + line("10.1.2.3", "/");

        JsonNode report = client.scan("ocsf/site.log", log);
        var redelivered = ScanClient.post(S3Events.objectCreated(BUCKET, "logs/ocsf/site.log", log.length(), "0"));
        assertThat(redelivered.statusCode()).as(redelivered.body().asString()).isEqualTo(200);

        Map<String, JsonNode> outputs = new HashMap<>();
        report.get("outputs").forEach(output -> outputs.put(output.get("kind").asText(), output));
        assertThat(outputs).containsKeys("ocsf", "security-lake");
        Instant lastModified = Instant.parse(report.at("/source/lastModified").asText());
        String day = lastModified.atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(outputs.get("ocsf").get("key").asText())
                .isEqualTo("ocsf/dt=" + day + "/ocsf/site.log.ocsf.jsonl.gz");
        assertThat(outputs.get("ocsf").get("entries").asLong()).isEqualTo(1);

        List<String> lines = GzipLines.of(s3.getObjectAsBytes(
                        b -> b.bucket(BUCKET).key(outputs.get("ocsf").get("key").asText()))
                .asByteArray());
        assertThat(lines).hasSize(1);
        assertThat(ReportSchema.ocsfErrors(lines.get(0))).as(lines.get(0)).isEmpty();
        JsonNode record = ScanClient.JSON.readTree(lines.get(0));
        assertThat(record.at("/observables/0/value").asText()).isEqualTo("185.220.101.61");
        assertThat(record.at("/observables/0/reputation/provider").asText()).isEqualTo("bad");
        assertThat(record.at("/finding_info/data_sources/0").asText())
                .isEqualTo("s3://" + BUCKET + "/logs/ocsf/site.log");

        String eventDay = DateTimeFormatter.BASIC_ISO_DATE.format(
                lastModified.atZone(ZoneOffset.UTC).toLocalDate());
        List<String> lakeKeys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ext/")).contents().stream()
                .map(S3Object::key)
                .toList();
        assertThat(lakeKeys)
                .as("one object for the log version, though the event came twice")
                .hasSize(1)
                .allMatch(key -> key.startsWith(LAKE_PREFIX + "eventDay=" + eventDay + "/logverdict-")
                        && key.endsWith(".gz.parquet"));
        assertThat(outputs.get("security-lake").get("key").asText()).isEqualTo(lakeKeys.get(0));
        List<JsonNode> rows = ParquetFiles.read(
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(lakeKeys.get(0))).asByteArray());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).at("/finding_info/uid")).isEqualTo(record.at("/finding_info/uid"));
        assertThat(rows.get(0).get("class_uid").asInt()).isEqualTo(2004);
    }

    @Test
    void aLogWithoutDetectionsWritesNothingToTheLake() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "ext/");
        ScanClient client = new ScanClient(s3, BUCKET);

        JsonNode report = client.scan("ocsf/quiet.log", line("10.1.2.4", "/") + line("192.168.0.7", "/"));

        List<String> kinds = new java.util.ArrayList<>();
        report.get("outputs").forEach(output -> kinds.add(output.get("kind").asText()));
        assertThat(kinds).contains("ocsf").doesNotContain("security-lake");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ext/")).contents())
                .isEmpty();
    }
}
