package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.PublicSourcesWireMockResource;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.logverdict.e2e.ScanClient.byIp;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled run fetches every public source from WireMock (each in its published format), and a scan
 * of a log with an address from each reports what they say: blocklist matches malicious, Tor labelled,
 * cloud and CDN addresses labelled, verified crawlers never sent to VirusTotal nor exported, ASN and
 * country on every public IP.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VirusTotalWireMockResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PublicSourcesWireMockResource.class, restrictToAnnotatedClass = true)
class PublicSourcesEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final List<String> CRAWLERS =
            List.of("66.249.66.1", "2001:4860:4801:10::1", "157.55.39.10", "40.77.167.20");

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer virusTotal;

    private void answer(String ip, int malicious) {
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + ip))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress(
                                ip, malicious, 0, 50, 20, malicious > 0 ? -10 : 0, "AS", 64500, "NL", ip + "/32"))));
    }

    @Test
    void aScanReportsWhatEveryPublicSourceSaysAndSpendsNothingOnCrawlers() throws Exception {
        ScanClient client = new ScanClient(s3, BUCKET);
        // The user's own list names a Bingbot range: the report shows the conflict instead of choosing.
        client.put("feeds/own.txt", "40.77.167.0/24\n");
        virusTotal.stubFor(get(urlPathMatching("/api/v3/ip_addresses/.*"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.error("NotFoundError", "unknown"))));
        answer("13.32.4.10", 6);
        answer("185.220.101.1", 0);

        // No lease of an earlier drain in this JVM may make this one stand aside.
        S3Buckets.deleteAll(s3, BUCKET, "cache/_drain/");
        var drained = ScanClient.post(Files.readString(Path.of("events/scheduled.json")));
        assertThat(drained.statusCode()).as(drained.body().asString()).isEqualTo(200);
        assertThat(drained.body().asString()).doesNotContain("\"busy\"");

        StringBuilder log = new StringBuilder();
        for (String ip : List.of(
                "1.10.16.5",
                "2a06:5280::66",
                "162.243.103.246",
                "185.220.101.1",
                "13.32.4.10",
                "3.8.1.20",
                "104.16.5.5",
                "2606:4700::6810:8505",
                "93.184.216.34",
                "10.0.0.7")) {
            log.append(line(ip, "/index.html"));
        }
        CRAWLERS.forEach(ip -> log.append(line(ip, "/robots.txt")));
        JsonNode report = client.scan("sources/access.log", log.toString());
        Map<String, JsonNode> ips = byIp(report);

        assertThat(ips.get("1.10.16.5").get("verdict").asText()).isEqualTo("malicious");
        assertThat(ips.get("1.10.16.5").at("/lookup/source").asText()).isEqualTo("spamhaus");
        assertThat(ips.get("2a06:5280::66").at("/lookup/source").asText()).isEqualTo("spamhaus6");
        assertThat(ips.get("162.243.103.246").at("/lookup/source").asText()).isEqualTo("feodo");
        assertThat(ips.get("162.243.103.246").get("verdict").asText()).isEqualTo("malicious");

        assertThat(ips.get("185.220.101.1").get("labels").get(0).asText()).isEqualTo("tor_exit");
        assertThat(ips.get("185.220.101.1").get("verdict").asText())
                .as("Tor is a label, not a verdict")
                .isEqualTo("harmless");

        assertThat(ips.get("13.32.4.10").at("/infrastructure/provider").asText())
                .isEqualTo("aws");
        assertThat(ips.get("13.32.4.10").at("/infrastructure/service").asText()).isEqualTo("CLOUDFRONT");
        assertThat(ips.get("13.32.4.10").at("/infrastructure/kind").asText()).isEqualTo("cdn");
        assertThat(ips.get("13.32.4.10").get("verdict").asText())
                .as("a CDN address is still looked up")
                .isEqualTo("malicious");
        assertThat(ips.get("3.8.1.20").at("/infrastructure/service").asText()).isEqualTo("EC2");
        assertThat(ips.get("3.8.1.20").at("/infrastructure/kind").asText()).isEqualTo("cloud");
        assertThat(ips.get("104.16.5.5").at("/infrastructure/provider").asText())
                .isEqualTo("cloudflare");
        assertThat(ips.get("2606:4700::6810:8505").at("/infrastructure/source").asText())
                .isEqualTo("cloudflare6");

        for (String crawler : List.of("66.249.66.1", "2001:4860:4801:10::1", "157.55.39.10")) {
            assertThat(ips.get(crawler).at("/infrastructure/kind").asText())
                    .as(crawler)
                    .isEqualTo("verified_crawler");
            assertThat(ips.get(crawler).at("/lookup/status").asText())
                    .as(crawler)
                    .isEqualTo("verified_crawler");
        }
        assertThat(ips.get("66.249.66.1").at("/infrastructure/provider").asText())
                .isEqualTo("google");
        assertThat(ips.get("40.77.167.20").at("/lookup/status").asText()).isEqualTo("conflict");
        assertThat(ips.get("40.77.167.20").get("verdict").asText()).isEqualTo("suspicious");
        assertThat(ips.get("40.77.167.20").at("/lookup/reason").asText()).contains("own", "microsoft/bingbot");
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .extracting(r -> r.getUrl())
                .as("no crawler and no blocklisted address is sent to VirusTotal")
                .noneMatch(url -> CRAWLERS.stream().anyMatch(url::endsWith))
                .noneMatch(url -> url.endsWith("1.10.16.5") || url.endsWith("162.243.103.246"))
                .hasSize(6);

        for (JsonNode ip : report.get("ips")) {
            if (ip.get("scope").asText().equals("public")) {
                assertThat(ip.at("/network/asn").asLong())
                        .as(ip.get("ip").asText() + " has an ASN")
                        .isPositive();
                assertThat(ip.at("/network/country").asText())
                        .as(ip.get("ip").asText())
                        .hasSize(2);
            } else {
                assertThat(ip.has("network")).isFalse();
            }
        }
        assertThat(ips.get("66.249.66.1").at("/network/name").asText()).isEqualTo("GOOGLE");
        JsonNode networks = report.get("networks");
        assertThat(StreamSupport.stream(networks.spliterator(), false)
                        .map(n -> n.get("asn").asLong()))
                .contains(15169L, 13335L, 16509L, 8075L);
        JsonNode google = StreamSupport.stream(networks.spliterator(), false)
                .filter(n -> n.get("asn").asLong() == 15169)
                .findFirst()
                .orElseThrow();
        assertThat(google.get("ips").asLong()).isEqualTo(2);

        Map<String, JsonNode> sources = new HashMap<>();
        report.at("/intel/sources")
                .forEach(source -> sources.put(source.get("id").asText(), source));
        assertThat(sources)
                .containsOnlyKeys(
                        "spamhaus",
                        "spamhaus6",
                        "feodo",
                        "tor",
                        "aws",
                        "cloudflare",
                        "cloudflare6",
                        "googlebot",
                        "bingbot",
                        "asn");
        assertThat(sources.values())
                .allSatisfy(source -> assertThat(source.get("state").asText()).isEqualTo("ok"));
        assertThat(sources.get("asn").get("matchedIps").asLong())
                .isEqualTo(report.at("/summary/publicIps").asLong());
        assertThat(sources.get("googlebot").get("matchedIps").asLong()).isEqualTo(2);
        assertThat(report.at("/summary/answeredBy/spamhaus").asLong()).isEqualTo(1);
        assertThat(report.at("/summary/answeredBy/googlebot").asLong())
                .as("answers are counted by source id")
                .isEqualTo(2);
        assertThat(ips.get("157.55.39.10").at("/lookup/source").asText()).isEqualTo("bingbot");
        assertThat(report.at("/intel/policy/anonymiser").asText()).contains("not a verdict");

        String waf = client.get("reports/sources/access.log.waf-ipv4.txt");
        assertThat(waf)
                .contains("1.10.16.5/32", "162.243.103.246/32")
                .doesNotContain("13.32.4.10", "66.249.66.1", "40.77.167.20");
        String guardDuty = client.get("reports/sources/access.log.guardduty.txt");
        assertThat(guardDuty).contains("1.10.16.5").doesNotContain("13.32.4.10").doesNotContain("157.55.39.10");
        assertThat(client.get("reports/sources/access.log.stix"))
                .contains("1.10.16.5")
                .doesNotContain("13.32.4.10")
                .doesNotContain("66.249.66.1");
        String html = client.get("reports/sources/access.log.html");
        assertThat(html).contains("shared infrastructure", "GOOGLE", "tor_exit");
    }
}
