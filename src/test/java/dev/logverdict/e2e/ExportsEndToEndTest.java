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

import java.util.HashMap;
import java.util.Map;

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
        assertThat(outputs).containsOnlyKeys("html", "waf-ipv4", "waf-ipv6", "guardduty", "stix");
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
}
