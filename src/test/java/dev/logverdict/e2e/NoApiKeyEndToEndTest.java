package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

import static dev.logverdict.e2e.ScanClient.byIp;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** No VirusTotal key at all: a complete report from the offline feeds that says VirusTotal was not asked. */
@QuarkusTest
@TestProfile(NoApiKeyEndToEndTest.BundledFeedsOnly.class)
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class NoApiKeyEndToEndTest {

    public static class BundledFeedsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "logverdict.feeds-directory", "docs/local/feeds",
                    // Unreachable on purpose: nothing may be asked without a key.
                    "quarkus.rest-client.virustotal.url", "http://127.0.0.1:9");
        }
    }

    @Inject
    S3Client s3;

    @Test
    void writesACompleteReportFromTheFeedsAndSaysVirusTotalWasNotConsulted() throws Exception {
        S3Buckets.deleteAll(s3, S3ProxyResource.BUCKET, "feeds/");
        ScanClient client = new ScanClient(s3, S3ProxyResource.BUCKET);
        client.put("feeds/extra.txt", "91.92.99.0/24\n");

        JsonNode report = client.scan(
                "nokey/access.log",
                line("185.220.101.34", "/wp-login.php")
                        + line("91.92.99.9", "/")
                        + line("8.8.8.8", "/")
                        + line("10.0.0.7", "/health"));

        assertThat(report.at("/intel/virustotal").asText()).isEqualTo("not_configured");
        assertThat(report.at("/intel/feeds").toString()).isEqualTo("[\"extra\",\"demo_blocklist\"]");
        assertThat(report.at("/intel/feedSources/1/ignoredSpecialPurpose").asLong())
                .as("10.0.0.0/8")
                .isEqualTo(1);
        Map<String, JsonNode> ips = byIp(report);
        assertThat(ips.get("185.220.101.34").at("/lookup/source").asText()).isEqualTo("demo_blocklist");
        assertThat(ips.get("91.92.99.9").at("/lookup/source").asText()).isEqualTo("extra");
        assertThat(ips.get("8.8.8.8").get("verdict").asText()).isEqualTo("not_checked");
        assertThat(ips.get("8.8.8.8").at("/lookup/reason").asText()).contains("no VirusTotal API key");
        assertThat(report.at("/summary/fromFeeds").asLong()).isEqualTo(2);
        assertThat(report.at("/summary/malicious").asLong()).isEqualTo(2);
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(1);
        assertThat(report.at("/intel/budget/spentThisRun").asInt()).isZero();
    }
}
