package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.AbuseIpDbWireMockResource;
import dev.logverdict.support.AbuseIpDbWireMockResource.InjectAbuseIpDb;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.logverdict.e2e.ScanClient.byIp;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * VirusTotal and AbuseIPDB both configured (WireMock for each): every answer AbuseIPDB gives maps to an
 * honest status, each IP shows both providers' answers, and the verdicts combine as the policy says.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VirusTotalWireMockResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AbuseIpDbWireMockResource.class, restrictToAnnotatedClass = true)
class AbuseIpDbEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer virusTotal;

    @InjectAbuseIpDb
    WireMockServer abuseIpDb;

    private ScanClient client;

    @BeforeEach
    void startFromACleanSlate() {
        virusTotal.resetAll();
        abuseIpDb.resetAll();
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        client = new ScanClient(s3, BUCKET);
    }

    private void virusTotalSays(String ip, int malicious) {
        virusTotal.stubFor(get(urlPathEqualTo("/api/v3/ip_addresses/" + ip))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress(
                                ip, malicious, 0, 50, 20, malicious > 0 ? -10 : 0, "AS", 64500, "NL", ip + "/32"))));
    }

    private void abuseIpDbSays(String ip, int status, String body) {
        abuseIpDb.stubFor(get(urlPathEqualTo("/api/v2/check"))
                .withQueryParam("ipAddress", equalTo(ip))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void cleanAbusiveAndWhitelistedAnswersCombineWithVirusTotalsAndBothAreShown() throws Exception {
        virusTotalSays("91.93.0.1", 0);
        abuseIpDbSays("91.93.0.1", 200, AbuseIpDbWireMockResource.check("91.93.0.1", 0, 0, false));
        virusTotalSays("91.93.0.2", 0);
        abuseIpDbSays("91.93.0.2", 200, AbuseIpDbWireMockResource.check("91.93.0.2", 100, 57, false));
        virusTotalSays("91.93.0.3", 4);
        abuseIpDbSays("91.93.0.3", 200, AbuseIpDbWireMockResource.check("91.93.0.3", 0, 0, true));

        JsonNode report = client.scan(
                "abuse/access.log",
                line("91.93.0.1", "/") + line("91.93.0.2", "/wp-login.php") + line("91.93.0.3", "/"));
        Map<String, JsonNode> ips = byIp(report);

        assertThat(ips.get("91.93.0.1").get("verdict").asText())
                .as("VirusTotal harmless, AbuseIPDB no reports")
                .isEqualTo("harmless");
        assertThat(ips.get("91.93.0.1").at("/providers/abuseipdb/verdict").asText())
                .isEqualTo("unknown");
        assertThat(ips.get("91.93.0.2").get("verdict").asText()).isEqualTo("malicious");
        assertThat(ips.get("91.93.0.2").at("/lookup/source").asText()).isEqualTo("abuseipdb");
        assertThat(ips.get("91.93.0.2").at("/abuseipdb/abuseConfidenceScore").asInt())
                .isEqualTo(100);
        assertThat(ips.get("91.93.0.2").at("/abuseipdb/totalReports").asInt()).isEqualTo(57);
        assertThat(ips.get("91.93.0.2").at("/abuseipdb/lastReportedAt").asText())
                .isEqualTo("2026-12-03T21:14:07Z");
        assertThat(ips.get("91.93.0.2").at("/providers/virustotal/verdict").asText())
                .isEqualTo("harmless");
        assertThat(ips.get("91.93.0.2").at("/virustotal/malicious").asInt()).isZero();
        assertThat(ips.get("91.93.0.3").get("verdict").asText())
                .as("malicious against a whitelist")
                .isEqualTo("suspicious");
        assertThat(ips.get("91.93.0.3").at("/abuseipdb/isWhitelisted").asBoolean())
                .isTrue();
        assertThat(report.at("/intel/abuseipdb/status").asText()).isEqualTo("consulted");
        assertThat(report.at("/intel/abuseipdb/budget/requestsPerDay").asInt()).isEqualTo(1000);
        assertThat(report.at("/intel/abuseipdb/budget/spentThisRun").asInt()).isEqualTo(3);
        assertThat(report.at("/intel/policy/abuseipdbMaliciousScore").asInt()).isEqualTo(75);
        assertThat(report.at("/intel/policy/providers").asText()).contains("gravest");
        assertThat(report.at("/summary/answeredBy/abuseipdb").asLong()).isEqualTo(1);
        assertThat(abuseIpDb.findAll(getRequestedFor(urlPathEqualTo("/api/v2/check"))))
                .hasSize(3)
                .allSatisfy(request -> {
                    assertThat(request.getHeader("Key")).isEqualTo(AbuseIpDbWireMockResource.API_KEY);
                    assertThat(request.queryParameter("maxAgeInDays").firstValue())
                            .isEqualTo("90");
                });
        assertThat(client.get("reports/abuse/access.log.waf-ipv4.txt")).isEqualTo("91.93.0.2/32\n");
        assertThat(client.get("reports/abuse/access.log.html"))
                .contains(
                        "100 % (57 reports)",
                        "https://www.abuseipdb.com/check/91.93.0.2", "0 % (0 reports, whitelisted)");

        // A second scan of the same clients asks nobody: both answers are cached, each in its own place.
        client.scan("abuse/again.log", line("91.93.0.2", "/"));
        assertThat(abuseIpDb.findAll(getRequestedFor(urlPathEqualTo("/api/v2/check"))))
                .hasSize(3);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("cache/_abuseipdb/91.93.0.2"))
                        .contents())
                .hasSize(1);
    }

    @Test
    void aRateLimitDefersTheRestAndARejectedKeyFailsTheInvocationAfterTheReport() throws Exception {
        virusTotalSays("91.93.1.1", 0);
        abuseIpDbSays(
                "91.93.1.1",
                429,
                AbuseIpDbWireMockResource.error(
                        429,
                        "Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details."));
        JsonNode limited = client.scan("abuse/limited.log", line("91.93.1.1", "/"));
        assertThat(limited.at("/intel/abuseipdb/status").asText()).isEqualTo("quota_exhausted");
        assertThat(byIp(limited)
                        .get("91.93.1.1")
                        .at("/providers/abuseipdb/status")
                        .asText())
                .isEqualTo("deferred");
        assertThat(byIp(limited).get("91.93.1.1").get("verdict").asText())
                .as("VirusTotal still answered")
                .isEqualTo("harmless");

        // The 429 left "quota exhausted until …" in AbuseIPDB's ledger; a later key check needs it gone.
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        virusTotalSays("91.93.1.2", 0);
        abuseIpDbSays(
                "91.93.1.2",
                401,
                AbuseIpDbWireMockResource.error(
                        401, "Authentication failed. Your API key is either missing, incorrect, or revoked."));
        client.put("logs/abuse/revoked.log", line("91.93.1.2", "/"));
        var response = ScanClient.post(S3Events.objectCreated(BUCKET, "logs/abuse/revoked.log", 80, "0"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().asString())
                .contains("AbuseIPDB rejected the API key")
                .doesNotContain(AbuseIpDbWireMockResource.API_KEY);
        JsonNode revoked = client.report("reports/abuse/revoked.log.json");
        assertThat(revoked.at("/intel/abuseipdb/status").asText()).isEqualTo("auth_failed");
        assertThat(byIp(revoked).get("91.93.1.2").get("verdict").asText())
                .as("VirusTotal's answer stands")
                .isEqualTo("harmless");
    }
}
