package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.logverdict.support.GzipLines;
import dev.logverdict.support.S3Buckets;
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
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.logverdict.e2e.ScanClient.byIp;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The threat-intel step against WireMock's VirusTotal failing in every documented way, with S3 state. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VirusTotalWireMockResource.class, restrictToAnnotatedClass = true)
class ThreatIntelEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer virusTotal;

    private ScanClient client;

    @BeforeEach
    void startFromACleanSlate() {
        virusTotal.resetAll();
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        client = new ScanClient(s3, BUCKET);
    }

    private void answer(String ip, int malicious) {
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + ip))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress(
                                ip, malicious, 0, 50, 20, malicious > 0 ? -10 : 0, "AS", 64500, "NL", ip + "/32"))));
    }

    private int requestsFor(String ip) {
        return virusTotal
                .countRequestsMatching(getRequestedFor(urlEqualTo("/api/v3/ip_addresses/" + ip))
                        .build())
                .getCount();
    }

    @Test
    void retriesTransientServerErrorsAndRecordsWhatStillFailsAsNotChecked() throws Exception {
        String flapping = "91.92.93.1";
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + flapping))
                .inScenario("flap")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second")
                .willReturn(
                        aResponse().withStatus(503).withBody(VirusTotalBodies.error("TransientError", "try again"))));
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + flapping))
                .inScenario("flap")
                .whenScenarioStateIs("second")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress(flapping, 3, 0, 50, 20, -1, "AS", 1, "NL", "n"))));
        String down = "91.92.93.2";
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + down))
                .willReturn(
                        aResponse().withStatus(504).withBody(VirusTotalBodies.error("DeadlineExceededError", "slow"))));
        String reset = "91.92.93.3";
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + reset))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String slow = "91.92.93.4";
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + slow))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500).withBody("{}")));
        String garbage = "91.92.93.5";
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + garbage))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("<html>Service Unavailable</html>")));

        JsonNode report = client.scan(
                "faults.log",
                line(flapping, "/") + line(down, "/") + line(reset, "/") + line(slow, "/") + line(garbage, "/"));

        Map<String, JsonNode> ips = byIp(report);
        assertThat(ips.get(flapping).get("verdict").asText()).isEqualTo("malicious");
        assertThat(requestsFor(flapping)).isEqualTo(2);
        for (String failed : new String[] {down, reset, slow, garbage}) {
            assertThat(ips.get(failed).get("verdict").asText()).as(failed).isEqualTo("not_checked");
            assertThat(ips.get(failed).at("/lookup/status").asText()).as(failed).isEqualTo("error");
        }
        assertThat(ips.get(down).at("/lookup/reason").asText())
                .contains("504 DeadlineExceededError")
                .contains("after 2 retries");
        assertThat(requestsFor(down)).as("two retries").isEqualTo(3);
        assertThat(requestsFor(reset)).isEqualTo(3);
        assertThat(requestsFor(slow)).as("timeouts are retried").isEqualTo(3);
        assertThat(ips.get(slow).at("/lookup/reason").asText()).contains("timed out");
        assertThat(requestsFor(garbage))
                .as("a body that is not JSON is not retried")
                .isEqualTo(1);
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(4);
        assertThat(report.at("/intel/virustotal").asText()).isEqualTo("consulted");
        assertThat(report.toString()).doesNotContain(VirusTotalWireMockResource.API_KEY);
    }

    @Test
    void aSecondLogWithTheSameIpsCostsNoRequestAndTheSpendIsLedgered() throws Exception {
        answer("91.92.94.1", 5);
        answer("91.92.94.2", 0);
        String log = line("91.92.94.1", "/.env") + line("91.92.94.2", "/");
        JsonNode first = client.scan("cache/first.log", log);
        assertThat(first.at("/summary/lookedUp").asLong()).isEqualTo(2);
        assertThat(first.at("/intel/cache/stored").asLong()).isEqualTo(2);

        JsonNode second = client.scan("cache/second.log", log + line("91.92.94.1", "/.git/config"));
        assertThat(second.at("/summary/fromCache").asLong()).isEqualTo(2);
        assertThat(second.at("/summary/lookedUp").asLong()).isZero();
        assertThat(second.at("/summary/coverage").asDouble()).isEqualTo(1.0);
        assertThat(byIp(second).get("91.92.94.1").get("verdict").asText()).isEqualTo("malicious");
        assertThat(byIp(second).get("91.92.94.1").at("/lookup/status").asText()).isEqualTo("cached");
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl()))).hasSize(2);

        // Each request claimed the day's next numbered object before it went out (a retry after a dropped
        // connection too, which WireMock may never have logged).
        String dayPrefix = "cache/_quota/virustotal/day/" + LocalDate.now(ZoneOffset.UTC) + "/";
        int spent = first.at("/intel/budget/spentThisRun").asInt();
        assertThat(spent).isGreaterThanOrEqualTo(2);
        assertThat(second.at("/intel/budget/spentThisRun").asInt()).isZero();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(dayPrefix)).contents())
                .hasSize(spent)
                .extracting(record -> record.key().substring(dayPrefix.length()))
                .startsWith("000000000", "000000001");
        assertThat(second.at("/intel/budget/spentToday").asInt()).isEqualTo(spent);
    }

    @Test
    void aCorruptCacheEntryIsAMissAndIsRewritten() throws Exception {
        answer("91.92.95.1", 0);
        client.put("cache/91.92.95.1.json", "{\"ip\": \"91.92.95.1\", \"fetchedAt\": ");

        JsonNode report = client.scan("cache/corrupt.log", line("91.92.95.1", "/"));

        assertThat(report.at("/summary/lookedUp").asLong()).isEqualTo(1);
        assertThat(requestsFor("91.92.95.1")).isEqualTo(1);
        JsonNode rewritten = ScanClient.JSON.readTree(client.get("cache/91.92.95.1.json"));
        assertThat(rewritten.get("ip").asText()).isEqualTo("91.92.95.1");
        assertThat(rewritten.at("/reputation/harmless").asInt()).isEqualTo(50);
    }

    @Test
    void blocklistsInTheBucketJudgeWithoutRequestsAndIgnoreSpecialPurposeEntries() throws Exception {
        client.put(
                "feeds/spamhaus_drop.txt",
                "; Spamhaus DROP List\n91.92.96.0/24 ; SBL123\n10.0.0.0/8\n2a0b:4340::/32\n");
        answer("91.92.97.1", 0);

        JsonNode report = client.scan(
                "feeds/mixed.log",
                line("91.92.96.77", "/") + line("2a0b:4340::5", "/") + line("10.1.2.3", "/") + line("91.92.97.1", "/"));

        Map<String, JsonNode> ips = byIp(report);
        assertThat(ips.get("91.92.96.77").get("verdict").asText()).isEqualTo("malicious");
        assertThat(ips.get("91.92.96.77").at("/lookup/status").asText()).isEqualTo("feed");
        assertThat(ips.get("91.92.96.77").at("/lookup/source").asText()).isEqualTo("spamhaus_drop");
        assertThat(ips.get("2a0b:4340::5").at("/lookup/status").asText()).isEqualTo("feed");
        assertThat(ips.get("10.1.2.3").at("/lookup/status").asText()).isEqualTo("skipped");
        assertThat(report.at("/summary/fromFeeds").asLong()).isEqualTo(2);
        assertThat(report.at("/intel/feeds/0").asText()).isEqualTo("spamhaus_drop");
        assertThat(report.at("/intel/feedSources/0/ignoredSpecialPurpose").asLong())
                .isEqualTo(1);
        assertThat(report.at("/intel/feedSources/0/matchedIps").asLong()).isEqualTo(2);
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .extracting(r -> r.getUrl())
                .containsExactly("/api/v3/ip_addresses/91.92.97.1");
    }

    @Test
    void theScheduledLookupsAnswerWhatAScanLeftWaitingAndRefreshItsReport() throws Exception {
        answer("91.92.99.1", 0);
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/91.92.99.2"))
                .willReturn(
                        aResponse().withStatus(429).withBody(VirusTotalBodies.error("QuotaExceededError", "quota"))));
        String log = line("91.92.99.1", "/") + line("91.92.99.1", "/") + line("91.92.99.2", "/");
        JsonNode first = client.scan("rerun/access.log", log);
        assertThat(first.at("/summary/notChecked").asLong()).isEqualTo(1);

        // Later the quota is back, and the schedule sends its event.
        S3Buckets.deleteAll(s3, BUCKET, "cache/_quota/");
        // No lease of an earlier drain in this JVM may make this one stand aside.
        S3Buckets.deleteAll(s3, BUCKET, "cache/_drain/");
        answer("91.92.99.2", 3);
        var response = ScanClient.post(Files.readString(Path.of("events/scheduled.json")));
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.jsonPath().getInt("drained[0].refreshedReports"))
                .as(response.body().asString())
                .isEqualTo(1);

        JsonNode refreshed = client.report("reports/rerun/access.log.json");
        assertThat(refreshed.at("/summary/notChecked").asLong()).isZero();
        assertThat(refreshed.at("/summary/lookedUp").asLong()).isEqualTo(2);
        assertThat(refreshed.at("/summary/malicious").asLong()).isEqualTo(1);
        assertThat(refreshed.at("/ips/0/ip").asText())
                .as("re-ranked: the malicious IP first")
                .isEqualTo("91.92.99.2");
        assertThat(byIp(refreshed).get("91.92.99.2").get("verdict").asText()).isEqualTo("malicious");
        assertThat(requestsFor("91.92.99.1")).as("settled IPs cost nothing").isEqualTo(1);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("cache/_pending/"))
                        .contents())
                .as("nothing waits any more")
                .isEmpty();
        assertThat(client.get("reports/rerun/access.log.waf-ipv4.txt")).isEqualTo("91.92.99.2/32\n");
        String findingsKey = findingsKeyOf(first);
        assertThat(findingsKeyOf(refreshed))
                .as("the refresh replaced the findings in place")
                .isEqualTo(findingsKey);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("findings/")).contents())
                .extracting(S3Object::key)
                .filteredOn(key -> key.endsWith("/rerun/access.log.jsonl.gz"))
                .containsExactly(findingsKey);
        String firstLine = GzipLines.of(
                        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(findingsKey))
                                .asByteArray())
                .get(0);
        assertThat(ScanClient.JSON.readTree(firstLine).get("ip").asText()).isEqualTo("91.92.99.2");
        assertThat(ScanClient.JSON.readTree(firstLine).get("verdict").asText()).isEqualTo("malicious");
    }

    private static String findingsKeyOf(JsonNode report) {
        for (JsonNode output : report.get("outputs")) {
            if (output.get("kind").asText().equals("findings")) {
                return output.get("key").asText();
            }
        }
        throw new AssertionError("no findings output in " + report.get("outputs"));
    }

    @Test
    void clientsWithAttackSignalsAreAskedAboutFirst() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            log.append(line("91.92.98.1", "/index.html"));
        }
        log.append(line("91.92.98.2", "/wp-login.php"));
        answer("91.92.98.1", 0);
        answer("91.92.98.2", 0);

        client.scan("priority.log", log.toString());

        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .extracting(r -> r.getUrl())
                .containsExactly("/api/v3/ip_addresses/91.92.98.2", "/api/v3/ip_addresses/91.92.98.1");
    }
}
