package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The exports land beside the report, are listed in it, and hold only public malicious addresses. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class ExportsEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @Inject
    S3Client s3;

    @Test
    void writesEveryExportBesideTheReportAndListsItInOutputs() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        ScanClient client = new ScanClient(s3, BUCKET);
        // The blocklist names a private range too: it must not reach a firewall list through the report.
        client.put("feeds/bad.txt", "185.220.101.50\n2a0b:4340:2::/48\n10.0.0.0/8\n");

        JsonNode report = client.scan(
                "exports/app.log",
                line("185.220.101.50", "/")
                        + line("2a0b:4340:2::1", "/")
                        + line("10.9.9.9", "/")
                        + line("8.8.8.8", "/"));

        Map<String, JsonNode> outputs = new HashMap<>();
        report.get("outputs").forEach(output -> outputs.put(output.get("kind").asText(), output));
        assertThat(outputs).containsOnlyKeys("html", "waf-ipv4", "waf-ipv6", "guardduty", "stix", "findings");
        outputs.values()
                .forEach(output -> assertThat(output.get("bucket").asText()).isEqualTo(BUCKET));
        assertThat(outputs.get("html").get("key").asText()).isEqualTo("reports/exports/app.log.html");
        assertThat(client.get(outputs.get("waf-ipv4").get("key").asText())).isEqualTo("185.220.101.50/32\n");
        assertThat(client.get(outputs.get("waf-ipv6").get("key").asText())).isEqualTo("2a0b:4340:2::1/128\n");
        assertThat(client.get("reports/exports/app.log.guardduty.txt")).isEqualTo("185.220.101.50\n2a0b:4340:2::1\n");
        assertThat(outputs.get("guardduty").get("entries").asLong()).isEqualTo(2);
        String stixText = client.get("reports/exports/app.log.stix");
        assertThat(ReportSchema.stixErrors(stixText)).isEmpty();
        JsonNode stix = ScanClient.JSON.readTree(stixText);
        assertThat(stix.get("type").asText()).isEqualTo("bundle");
        assertThat(stix.findValuesAsText("pattern"))
                .containsExactly("[ipv4-addr:value = '185.220.101.50']", "[ipv6-addr:value = '2a0b:4340:2::1']");
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("reports/exports/app.log.stix"))
                        .contentType())
                .startsWith("application/stix+json");
    }

    @Test
    void filesOneFindingsObjectPerLogVersionUnderTheDayItWasStoredAndAReScanReplacesIt() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        S3Buckets.deleteAll(s3, BUCKET, "findings/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/bad.txt", "185.220.101.51\n");
        String log = line("185.220.101.51", "/.env") + line("8.8.4.4", "/") + line("10.1.2.3", "/");

        JsonNode report = client.scan("findings/site.log", log);
        Instant stored = s3.headObject(b -> b.bucket(BUCKET).key("logs/findings/site.log"))
                .lastModified();
        JsonNode again = client.scan("findings/site.log", log);

        String day = stored.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String key = "findings/dt=" + day + "/findings/site.log.jsonl.gz";
        assertThat(report.at("/source/lastModified").asText()).isEqualTo(stored.toString());
        JsonNode output = null;
        for (JsonNode candidate : again.get("outputs")) {
            if (candidate.get("kind").asText().equals("findings")) {
                output = candidate;
            }
        }
        assertThat(output).isNotNull();
        assertThat(output.get("key").asText()).isEqualTo(key);
        assertThat(output.get("entries").asLong()).isEqualTo(3);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("findings/")).contents())
                .as("the re-scan of the same version replaced the findings, it did not add a second copy")
                .extracting(S3Object::key)
                .containsExactly(key);
        byte[] gzip = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = List.of(text.split("\n"));
        assertThat(lines).hasSize(3);
        lines.forEach(
                line -> assertThat(ReportSchema.findingErrors(line)).as(line).isEmpty());
        JsonNode first = ScanClient.JSON.readTree(lines.get(0));
        assertThat(first.get("ip").asText()).isEqualTo("185.220.101.51");
        assertThat(first.get("verdict").asText()).isEqualTo("malicious");
        assertThat(first.get("lookup_source").asText()).isEqualTo("bad");
        assertThat(first.get("log_key").asText()).isEqualTo("logs/findings/site.log");
        assertThat(first.get("log_last_modified").asText()).isEqualTo(stored.toString());
        assertThat(first.get("report_key").asText()).isEqualTo("reports/findings/site.log.json");
    }
}
