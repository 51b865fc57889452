package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.logverdict.e2e.ScanClient.byIp;
import static dev.logverdict.support.ReportAssertions.assertCountIdentities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole path on real protocol peers: a log uploaded to an S3 server (S3Proxy), the S3 event posted to
 * the Lambda mock event server, VirusTotal answered by WireMock, the report read back from S3.
 */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VirusTotalWireMockResource.class, restrictToAnnotatedClass = true)
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = S3ProxyResource.BUCKET;

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer virusTotal;

    @BeforeEach
    void startFromACleanSlate() {
        virusTotal.resetAll();
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
    }

    private static final String MIXED_LOG = String.join(
            "\n",
            // public IPv4, combined, twice
            "185.220.101.34 - - [27/Nov/2026:10:00:01 +0000] \"GET /wp-login.php HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0 (Windows NT 10.0) Chrome/10.0.648.127 Safari/534.16\"",
            "185.220.101.34 - - [27/Nov/2026:10:00:05 +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"sqlmap/1.7.2#stable (https://sqlmap.org)\"",
            // public IPv4, common format, with an escaped quote in the request
            "8.8.8.8 - frank [27/Nov/2026:11:30:00 +0100] \"GET /search?q=\\\"x\\\" HTTP/1.1\" 200 2326",
            // public IPv6, written in non-canonical form
            "2a01:4F8:0:0::0:1 - - [27/Nov/2026:10:02:00 +0000] \"GET / HTTP/2.0\" 200 512 \"https://example.org/\" \"curl/8.5.0\"",
            // IPv4-mapped IPv6 of 8.8.8.8: same client
            "::ffff:8.8.8.8 - - [27/Nov/2026:10:03:00 +0000] \"GET /favicon.ico HTTP/1.1\" 200 318 \"-\" \"Mozilla/5.0\"",
            // public IP unknown to VirusTotal
            "45.155.205.233 - - [27/Nov/2026:10:04:00 +0000] \"POST /cgi-bin/luci HTTP/1.1\" 400 0 \"-\" \"-\"",
            // private and loopback: never looked up
            "10.0.0.7 - - [27/Nov/2026:10:05:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"",
            "127.0.0.1 - - [27/Nov/2026:10:05:01 +0000] \"GET /server-status HTTP/1.1\" 200 900 \"-\" \"-\"",
            // a host name in the client field: reported as written, never resolved
            "crawler.example.net - - [27/Nov/2026:10:06:00 +0000] \"GET /robots.txt HTTP/1.1\" 200 70 \"-\" \"Googlebot/2.1\"",
            // not an IP: octet > 255 (the student script counted it)
            "999.1.1.1 - - [27/Nov/2026:10:07:00 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"-\"",
            // valid client, then raw TLS handshake bytes: the IP counts, the line is malformed
            "203.0.113.9 - - [27/Nov/2026:10:08:00 +0000] \"\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003",
            "185.220.101.34 - - [27/Nov/2026:10:09:00 +0000] \"GET /?id=1%27%20OR%201=1 HTTP/1.1\" 200 1200 \"-\" \"Mozilla/5.0\"");

    @Test
    void scansAnUploadedLogAndWritesAVerdictReportNextToIt() throws Exception {
        stubVirusTotal(
                "185.220.101.34",
                200,
                VirusTotalBodies.ipAddress(
                        "185.220.101.34",
                        14,
                        2,
                        50,
                        20,
                        -35,
                        "Stiftung Erneuerbare Freiheit",
                        60729,
                        "DE",
                        "185.220.101.0/24",
                        "tor",
                        "suspicious-udp"));
        stubVirusTotal(
                "8.8.8.8",
                200,
                VirusTotalBodies.ipAddress("8.8.8.8", 0, 0, 62, 27, 532, "GOOGLE", 15169, "US", "8.8.8.0/24"));
        stubVirusTotal(
                "2a01:4f8::1",
                200,
                VirusTotalBodies.ipAddress(
                        "2a01:4f8::1", 0, 1, 55, 30, 0, "Hetzner Online GmbH", 24940, "DE", "2a01:4f8::/32"));
        stubVirusTotal("45.155.205.233", 404, VirusTotalBodies.error("NotFoundError", "Resource not found"));

        // A space and a plus in the key: the event carries "edge+access%2B1.log".
        String key = "logs/2026/11/27/edge access+1.log";
        String eTag = upload(key, gzip(MIXED_LOG + "\n"));

        long started = System.nanoTime();
        JsonNode response = invoke(S3Events.objectCreated(BUCKET, key, 0, eTag));
        System.out.printf(
                "[timing] first invocation through the mock event server: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);

        String reportKey = "reports/2026/11/27/edge access+1.log.json";
        assertThat(response.at("/scanned/0/reportKey").asText()).isEqualTo(reportKey);
        assertThat(response.at("/scanned/0/summary/malicious").asLong()).isEqualTo(1);

        String reportText = download(reportKey);
        ReportSchema.assertValid(reportText);
        JsonNode report = JSON.readTree(reportText);
        assertCountIdentities(report);
        assertThat(reportText).doesNotContain(VirusTotalWireMockResource.API_KEY);

        assertThat(report.at("/source/key").asText()).isEqualTo(key);
        assertThat(report.at("/source/eTag").asText()).isEqualTo(eTag);
        assertThat(report.at("/source/format").asText()).isEqualTo("combined");
        assertThat(report.at("/intel/virustotal").asText()).isEqualTo("consulted");

        assertThat(ipsOf(report))
                .containsExactly(
                        "185.220.101.34",
                        "2a01:4f8::1",
                        "45.155.205.233",
                        "8.8.8.8",
                        "10.0.0.7",
                        "127.0.0.1",
                        "203.0.113.9");
        Map<String, JsonNode> byIp = byIp(report);
        assertThat(byIp.get("185.220.101.34").get("verdict").asText()).isEqualTo("malicious");
        assertThat(byIp.get("185.220.101.34").get("requests").asLong()).isEqualTo(3);
        assertThat(byIp.get("185.220.101.34").get("firstSeen").asText()).isEqualTo("2026-11-27T10:00:01Z");
        assertThat(byIp.get("185.220.101.34").get("lastSeen").asText()).isEqualTo("2026-11-27T10:09:00Z");
        assertThat(byIp.get("185.220.101.34").at("/virustotal/asOwner").asText())
                .isEqualTo("Stiftung Erneuerbare Freiheit");
        assertThat(byIp.get("185.220.101.34").at("/virustotal/reputation").asInt())
                .isEqualTo(-35);
        assertThat(byIp.get("185.220.101.34").at("/virustotal/link").asText())
                .isEqualTo("https://www.virustotal.com/gui/ip-address/185.220.101.34");
        assertThat(byIp.get("2a01:4f8::1").get("verdict").asText()).isEqualTo("suspicious");
        assertThat(byIp.get("2a01:4f8::1").get("version").asInt()).isEqualTo(6);
        assertThat(byIp.get("8.8.8.8").get("verdict").asText()).isEqualTo("harmless");
        assertThat(byIp.get("8.8.8.8").get("requests").asLong())
                .as("IPv4-mapped form counted as the same client")
                .isEqualTo(2);
        assertThat(byIp.get("8.8.8.8").get("firstSeen").asText())
                .as("+0100 offset applied")
                .isEqualTo("2026-11-27T10:03:00Z");
        assertThat(byIp.get("45.155.205.233").get("verdict").asText()).isEqualTo("unknown");
        assertThat(byIp.get("45.155.205.233").at("/lookup/status").asText()).isEqualTo("not_found");
        assertThat(byIp.get("203.0.113.9").get("scope").asText()).isEqualTo("documentation");
        assertThat(byIp.get("10.0.0.7").get("scope").asText()).isEqualTo("private");
        assertThat(byIp.get("10.0.0.7").at("/lookup/status").asText()).isEqualTo("skipped");
        assertThat(byIp.get("127.0.0.1").get("scope").asText()).isEqualTo("loopback");

        assertThat(report.at("/summary/lines").asLong()).isEqualTo(12);
        assertThat(report.at("/summary/malformedLines").asLong()).isEqualTo(2);
        assertThat(report.at("/summary/publicIps").asLong()).isEqualTo(4);
        assertThat(report.at("/summary/lookedUp").asLong()).isEqualTo(4);
        assertThat(report.at("/nonIpClients/0/value").asText()).isEqualTo("crawler.example.net");
        List<String> reasons = new ArrayList<>();
        report.get("malformedSamples")
                .forEach(sample -> reasons.add(sample.get("lineNumber").asLong() + ": "
                        + sample.get("reason").asText()));
        assertThat(reasons)
                .containsExactly(
                        "10: client field is neither an IP address nor a host name", "11: unterminated request field");
        assertThat(report.at("/malformedSamples/1/excerpt").asText())
                .startsWith("203.0.113.9 - - ")
                .contains("\\x16\\x03\\x01");

        // One request per unique public IP, none for the others, each with the API key header.
        List<LoggedRequest> requests = virusTotal.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests)
                .extracting(LoggedRequest::getUrl)
                .containsExactlyInAnyOrder(
                        "/api/v3/ip_addresses/185.220.101.34", "/api/v3/ip_addresses/8.8.8.8",
                        "/api/v3/ip_addresses/2a01:4f8::1", "/api/v3/ip_addresses/45.155.205.233");
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.getHeader("x-apikey")).isEqualTo(VirusTotalWireMockResource.API_KEY));

        // Events arrive at least once: the same event again rewrites the same report key, from the cache.
        started = System.nanoTime();
        JsonNode again = invoke(S3Events.objectCreated(BUCKET, key, 0, eTag));
        System.out.printf(
                "[timing] warm invocation through the mock event server: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(again.at("/scanned/0/reportKey").asText()).isEqualTo(reportKey);
        String rewrittenText = download(reportKey);
        ReportSchema.assertValid(rewrittenText);
        JsonNode rewritten = JSON.readTree(rewrittenText);
        assertCountIdentities(rewritten);
        assertThat(rewritten.at("/summary/fromCache").asLong()).isEqualTo(4);
        assertThat(rewritten.at("/summary/lookedUp").asLong()).isZero();
        assertThat(rewritten.at("/summary/malicious").asLong())
                .isEqualTo(report.at("/summary/malicious").asLong());
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .as("no new VirusTotal request")
                .hasSize(4);
    }

    @Test
    void stopsLookingUpAfterA429AndDefersTheRestWithAReason() throws Exception {
        StringBuilder log = new StringBuilder();
        String[] byActivity = {"91.240.118.172", "91.240.118.173", "91.240.118.174", "91.240.118.175", "91.240.118.176"
        };
        for (int i = 0; i < byActivity.length; i++) {
            for (int n = 0; n < byActivity.length - i; n++) {
                log.append(byActivity[i])
                        .append(" - - [27/Nov/2026:12:00:0")
                        .append(n)
                        .append(" +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"-\"\n");
            }
        }
        stubVirusTotal(
                byActivity[0],
                200,
                VirusTotalBodies.ipAddress(byActivity[0], 3, 0, 40, 30, -10, "X", 1, "NL", "91.240.118.0/24"));
        stubVirusTotal(
                byActivity[1],
                200,
                VirusTotalBodies.ipAddress(byActivity[1], 0, 0, 40, 30, 0, "X", 1, "NL", "91.240.118.0/24"));
        stubVirusTotal(byActivity[2], 429, VirusTotalBodies.error("QuotaExceededError", "Quota exceeded"));
        stubVirusTotal(
                byActivity[3],
                200,
                VirusTotalBodies.ipAddress(byActivity[3], 0, 0, 40, 30, 0, "X", 1, "NL", "91.240.118.0/24"));
        stubVirusTotal(
                byActivity[4],
                200,
                VirusTotalBodies.ipAddress(byActivity[4], 0, 0, 40, 30, 0, "X", 1, "NL", "91.240.118.0/24"));

        String key = "logs/quota/burst.log";
        String eTag = upload(key, log.toString().getBytes(StandardCharsets.UTF_8));
        invoke(S3Events.objectCreated(BUCKET, key, 0, eTag));

        String reportText = download("reports/quota/burst.log.json");
        ReportSchema.assertValid(reportText);
        JsonNode report = JSON.readTree(reportText);
        assertCountIdentities(report);
        assertThat(report.at("/intel/virustotal").asText()).as(reportText).isEqualTo("quota_exhausted");
        assertThat(report.at("/summary/lookedUp").asLong()).isEqualTo(2);
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(3);
        Map<String, JsonNode> byIp = byIp(report);
        assertThat(byIp.get(byActivity[0]).get("verdict").asText()).isEqualTo("malicious");
        assertThat(byIp.get(byActivity[1]).get("verdict").asText()).isEqualTo("harmless");
        for (String deferred : List.of(byActivity[2], byActivity[3], byActivity[4])) {
            assertThat(byIp.get(deferred).get("verdict").asText()).isEqualTo("not_checked");
            assertThat(byIp.get(deferred).at("/lookup/status").asText()).isEqualTo("deferred");
            assertThat(byIp.get(deferred).at("/lookup/reason").asText()).contains("QuotaExceededError");
        }
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .extracting(LoggedRequest::getUrl)
                .as("the 429 is waited out twice, then the run stops asking")
                .containsExactly(
                        "/api/v3/ip_addresses/" + byActivity[0],
                        "/api/v3/ip_addresses/" + byActivity[1],
                        "/api/v3/ip_addresses/" + byActivity[2],
                        "/api/v3/ip_addresses/" + byActivity[2],
                        "/api/v3/ip_addresses/" + byActivity[2]);
        assertThat(report.at("/intel/budget/exhaustedUntil").asText()).isNotEmpty();
        assertThat(report.at("/intel/budget/spentThisRun").asInt()).isEqualTo(5);
    }

    @Test
    void ignoresEventsForItsOwnReports() throws Exception {
        String key = "reports/2026/11/27/old.log.json";
        String eTag = upload(
                key,
                "203.0.113.1 - - [27/Nov/2026:12:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"
                        .getBytes(StandardCharsets.UTF_8));

        JsonNode response = invoke(S3Events.objectCreated(BUCKET, key, 0, eTag));

        assertThat(response.get("scanned")).isEmpty();
        assertThat(response.at("/ignored/0/reason").asText()).contains("report prefix");
        assertThatThrownBy(() -> download("reports/2026/11/27/old.log.json.json"))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void keysWithPercentUnicodeAndDotSegmentsMapLiterallyToTheirOwnReports() throws Exception {
        String line = "185.220.101.34 - - [27/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
        // S3 keys are flat: ".." is two dots, never a way out of the input prefix or onto another report.
        for (String name : List.of(
                "100% done/x.log", "ünï cødé/日志.log", "../reports/evil.log", "a/./b/../c.log", "%2e%2e/encoded.log")) {
            String key = "logs/" + name;
            String eTag = upload(key, line.getBytes(StandardCharsets.UTF_8));

            JsonNode response = invoke(S3Events.objectCreated(BUCKET, key, line.length(), eTag));

            String reportKey = "reports/" + name + ".json";
            assertThat(response.at("/scanned/0/reportKey").asText()).as(name).isEqualTo(reportKey);
            JsonNode report = JSON.readTree(download(reportKey));
            assertThat(report.at("/source/key").asText()).as(name).isEqualTo(key);
            assertThat(report.at("/summary/lines").asLong()).as(name).isEqualTo(1);
        }
        assertThatThrownBy(() -> download("reports/evil.log.json"))
                .as("no report lands at the normalised key")
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> download("reports/a/c.log.json")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void anObjectDeletedBeforeItIsReadIsIgnoredWithTheReasonAndNoReport() throws Exception {
        JsonNode response = invoke(
                S3Events.objectCreated(BUCKET, "logs/gone/deleted.log", 120, "d41d8cd98f00b204e9800998ecf8427e"));

        assertThat(response.get("scanned")).isEmpty();
        assertThat(response.at("/ignored/0/reason").asText()).contains("no longer exists");
        assertThatThrownBy(() -> download("reports/gone/deleted.log.json")).isInstanceOf(NoSuchKeyException.class);
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void failsTheInvocationOnARejectedApiKeyWithoutClaimingAnythingHarmless() throws Exception {
        virusTotal.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.error("WrongCredentialsError", "Wrong API key"))));
        String key = "logs/auth/denied.log";
        String eTag = upload(
                key,
                ("185.220.101.34 - - [27/Nov/2026:12:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"
                                + "8.8.4.4 - - [27/Nov/2026:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1\n")
                        .getBytes(StandardCharsets.UTF_8));

        Response response = ScanClient.post(S3Events.objectCreated(BUCKET, key, 0, eTag));

        assertThat(response.statusCode()).isEqualTo(500);
        String error = response.body().asString();
        assertThat(error)
                .contains("VirusTotal rejected the API key (HTTP 401 WrongCredentialsError)")
                .doesNotContain(VirusTotalWireMockResource.API_KEY);
        String reportText = download("reports/auth/denied.log.json");
        ReportSchema.assertValid(reportText);
        JsonNode report = JSON.readTree(reportText);
        assertCountIdentities(report);
        assertThat(report.at("/intel/virustotal").asText()).isEqualTo("auth_failed");
        assertThat(report.at("/summary/harmless").asLong()).isZero();
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(2);
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void recognisesAGzippedCloudFrontLogWhateverItsNameAndTakesTheOriginFromXForwardedFor() throws Exception {
        stubVirusTotal(
                "45.155.205.233",
                200,
                VirusTotalBodies.ipAddress(
                        "45.155.205.233",
                        5,
                        1,
                        40,
                        20,
                        -12,
                        "Example Hosting",
                        64500,
                        "RU",
                        "45.155.205.0/24",
                        "scanner"));
        String log = String.join(
                "\n",
                "#Version: 1.0",
                "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) x-forwarded-for",
                String.join(
                        "\t",
                        "2026-11-27",
                        "10:00:00",
                        "FRA56-P1",
                        "512",
                        "10.20.0.4",
                        "GET",
                        "d1.cloudfront.net",
                        "/.git/config",
                        "404",
                        "-",
                        "Mozilla/5.0",
                        "45.155.205.233, 10.20.0.3"),
                String.join(
                        "\t",
                        "2026-11-27",
                        "10:00:02",
                        "FRA56-P1",
                        "512",
                        "10.20.0.4",
                        "GET",
                        "d1.cloudfront.net",
                        "/.env",
                        "404",
                        "-",
                        "Mozilla/5.0",
                        "45.155.205.233"));
        String key = "logs/cdn/E2ABCDEF.2026-11-27-10.txt";
        String eTag = upload(key, gzip(log + "\n"));

        invoke(S3Events.objectCreated(BUCKET, key, 0, eTag));

        String reportText = download("reports/cdn/E2ABCDEF.2026-11-27-10.txt.json");
        ReportSchema.assertValid(reportText);
        JsonNode report = JSON.readTree(reportText);
        assertCountIdentities(report);
        assertThat(report.at("/source/format").asText()).isEqualTo("cloudfront");
        assertThat(report.at("/source/size").asLong())
                .as("compressed size")
                .isLessThan(report.at("/source/uncompressedBytes").asLong());
        assertThat(ipsOf(report)).containsExactly("45.155.205.233", "10.20.0.4");
        Map<String, JsonNode> byIp = byIp(report);
        assertThat(byIp.get("45.155.205.233").get("verdict").asText()).isEqualTo("malicious");
        assertThat(byIp.get("45.155.205.233").get("requests").asLong()).isEqualTo(2);
        assertThat(byIp.get("45.155.205.233").at("/proxy/via/0/ip").asText()).isEqualTo("10.20.0.4");
        assertThat(byIp.get("10.20.0.4").get("relayedRequests").asLong()).isEqualTo(2);
        assertThat(virusTotal.findAll(anyRequestedFor(anyUrl())))
                .extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v3/ip_addresses/45.155.205.233");
    }

    @Test
    void readsPlainTextUnderAGzNameAsPlainText() throws Exception {
        String log = "10.20.0.9 - - [27/Nov/2026:10:00:00 +0000] \"GET /.env HTTP/1.1\" 404 0 \"-\" \"curl/8.4\"\n";
        String key = "logs/misnamed/access.log.gz";
        String eTag = upload(key, log.getBytes(StandardCharsets.US_ASCII));

        invoke(S3Events.objectCreated(BUCKET, key, log.length(), eTag));

        String reportText = download("reports/misnamed/access.log.gz.json");
        ReportSchema.assertValid(reportText);
        JsonNode report = JSON.readTree(reportText);
        assertThat(report.at("/source/format").asText()).isEqualTo("combined");
        assertThat(report.at("/source/uncompressedBytes").asLong())
                .isEqualTo(report.at("/source/size").asLong());
        assertThat(report.at("/source/readError").isMissingNode()).isTrue();
        assertThat(ipsOf(report)).containsExactly("10.20.0.9");
        assertThat(byIp(report)
                        .get("10.20.0.9")
                        .at("/signals/sensitiveFileProbe")
                        .asInt())
                .isEqualTo(1);
    }

    private void stubVirusTotal(String ip, int status, String body) {
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + ip))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private String upload(String key, byte[] content) {
        return new ScanClient(s3, BUCKET).put(key, content);
    }

    private String download(String key) {
        return new ScanClient(s3, BUCKET).get(key);
    }

    private static JsonNode invoke(String event) throws IOException {
        Response response = ScanClient.post(event);
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return JSON.readTree(response.body().asString());
    }

    private static List<String> ipsOf(JsonNode report) {
        List<String> ips = new ArrayList<>();
        report.get("ips").forEach(ip -> ips.add(ip.get("ip").asText()));
        return ips;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
