package dev.logverdict.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.AbuseReport;
import dev.logverdict.intel.Assessment;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.Provider;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Verdict;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.logverdict.support.ReportAssertions.assertCountIdentities;
import static org.assertj.core.api.Assertions.assertThat;

class ReportBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StoredObject SOURCE = new StoredObject("soc-logs", "logs/x.log", null, "abc", 1234);

    private static JsonNode build(
            String log, ScanOptions options, Map<IpAddress, Assessment> assessments, IntelStatus status)
            throws IOException {
        TrafficScan scan = new LogScanner(options).scan(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
        Report report = ReportBuilder.build(
                SOURCE,
                scan,
                new ReputationLookups.Outcome(assessments, status, null, new IntelStats(0, 0, null, 500, 0, 0, null)),
                TestSettings.verdictPolicy(),
                OfflineIntel.ofBlocklists(List.of()),
                Instant.parse("2026-11-27T10:15:31Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        String json = out.toString(StandardCharsets.UTF_8);
        ReportSchema.assertValid(json);
        JsonNode node = JSON.readTree(json);
        assertCountIdentities(node);
        return node;
    }

    @Test
    void showsTheOriginAndTheTrustedProxyItCameThrough() throws IOException {
        String log =
                "{\"time_local\":\"27/Nov/2026:10:00:00 +0000\",\"remote_addr\":\"10.0.0.5\",\"request\":\"GET / HTTP/1.1\","
                        + "\"status\":\"200\",\"http_x_forwarded_for\":\"198.51.100.77\"}\n";
        IpAddress origin = IpAddressParser.parse("198.51.100.77");
        JsonNode report = build(
                log,
                TestSettings.scanOptions(),
                Map.of(
                        origin,
                        new Assessment(
                                Verdict.HARMLESS,
                                LookupStatus.OK,
                                null,
                                "virustotal",
                                new Reputation(
                                        0, 0, 60, 20, 0, 5, "Example", 64500L, "NL", "198.51.100.0/24", null, null))),
                IntelStatus.CONSULTED);
        assertThat(report.at("/source/format").asText()).isEqualTo("json");
        assertThat(report.at("/ips/0/ip").asText()).isEqualTo("198.51.100.77");
        assertThat(report.at("/ips/0/proxy/forwardedRequests").asLong()).isEqualTo(1);
        assertThat(report.at("/ips/0/proxy/via/0/ip").asText()).isEqualTo("10.0.0.5");
        assertThat(report.at("/ips/1/ip").asText()).isEqualTo("10.0.0.5");
        assertThat(report.at("/ips/1/requests").asLong()).isZero();
        assertThat(report.at("/ips/1/relayedRequests").asLong()).isEqualTo(1);
    }

    @Test
    void listsAddressesFoundInRequestsApartFromClients() throws IOException {
        String log =
                "198.51.100.1 - - [27/Nov/2026:10:00:00 +0000] \"GET /fetch?url=http://169.254.169.254/latest HTTP/1.1\" 200 5 \"-\" \"-\"\n";
        JsonNode report =
                build(log, TestSettings.scanOptions("scan-all-fields=true"), Map.of(), IntelStatus.NOT_CONFIGURED);
        assertThat(report.at("/ipsElsewhere/0/ip").asText()).isEqualTo("169.254.169.254");
        assertThat(report.at("/ipsElsewhere/0/scope").asText()).isEqualTo("link-local");
        assertThat(report.at("/summary/uniqueIps").asLong()).isEqualTo(1);
        assertThat(report.has("ipsElsewhere")).isTrue();
        assertThat(build(log, TestSettings.scanOptions(), Map.of(), IntelStatus.NOT_CONFIGURED)
                        .has("ipsElsewhere"))
                .isFalse();
    }

    @Test
    void anUnreachedPublicIpIsDeferredNeverUnknown() throws IOException {
        String log = "185.220.101.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5\n";
        JsonNode report = build(log, TestSettings.scanOptions(), Map.of(), IntelStatus.CONSULTED);
        assertThat(report.at("/ips/0/verdict").asText()).isEqualTo("not_checked");
        assertThat(report.at("/ips/0/lookup/status").asText()).isEqualTo("deferred");
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(1);
        assertThat(report.at("/source/formats/common").asLong()).isEqualTo(1);
    }

    @Test
    void withOnlyAnAbuseIpDbKeyItsAnswersAreShownAsItsOwnAndVirusTotalSaysNotConfigured() throws IOException {
        IpAddress ip = IpAddressParser.parse("91.93.0.2");
        Reputation abuse = Reputation.ofAbuseReport(new AbuseReport(
                96,
                40,
                22,
                false,
                "Data Center/Web Hosting/Transit",
                "Example Hosting B.V.",
                "example.net",
                "NL",
                false,
                Instant.parse("2026-12-03T21:14:07Z")));
        Assessment answer = new Assessment(
                Verdict.MALICIOUS, LookupStatus.OK, null, "abuseipdb", abuse, Instant.parse("2026-12-04T10:00:00Z"));
        IntelStats none = new IntelStats(0, 0, null, 500, 0, 0, null);
        ReputationLookups.Outcome virusTotal = new ReputationLookups.Outcome(
                Map.of(ip, Assessment.skipped("no VirusTotal API key")), IntelStatus.NOT_CONFIGURED, null, none);
        ReputationLookups.Outcome abuseIpDb = new ReputationLookups.Outcome(
                Map.of(ip, answer), IntelStatus.CONSULTED, null, new IntelStats(0, 1, null, 1000, 1, 1, null));
        Map<String, ReputationLookups.Outcome> providers = new LinkedHashMap<>();
        providers.put("virustotal", virusTotal);
        providers.put("abuseipdb", abuseIpDb);
        TrafficScan scan = new LogScanner(TestSettings.scanOptions())
                .scan(new ByteArrayInputStream(
                        "91.93.0.2 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n"
                                .getBytes(StandardCharsets.UTF_8)));
        Report report = ReportBuilder.build(
                SOURCE,
                scan,
                new ReputationLookups.Outcome(Map.of(ip, answer), IntelStatus.NOT_CONFIGURED, null, none, providers),
                List.of(
                        Provider.virusTotal(TestSettings.verdictPolicy()),
                        Provider.abuseIpDb(TestSettings.abuseIpDbPolicy())),
                OfflineIntel.ofBlocklists(List.of()),
                Instant.parse("2026-12-04T10:15:31Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        ReportSchema.assertValid(out.toString(StandardCharsets.UTF_8));
        JsonNode json = JSON.readTree(out.toByteArray());
        assertCountIdentities(json);

        JsonNode entry = json.at("/ips/0");
        assertThat(entry.get("verdict").asText()).isEqualTo("malicious");
        assertThat(entry.has("virustotal"))
                .as("an AbuseIPDB answer is not shown as VirusTotal's")
                .isFalse();
        assertThat(entry.at("/abuseipdb/abuseConfidenceScore").asInt()).isEqualTo(96);
        assertThat(json.at("/intel/virustotal").asText()).isEqualTo("not_configured");
        assertThat(json.at("/intel/abuseipdb/status").asText()).isEqualTo("consulted");
        assertThat(json.at("/intel/abuseipdb/budget/requestsPerDay").asInt()).isEqualTo(1000);
        assertThat(json.at("/intel/policy/providers").asText()).contains("gravest");
    }
}
