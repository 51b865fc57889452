package dev.logverdict.report.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.report.Report;
import dev.logverdict.report.SampleReports;
import dev.logverdict.support.ReportSchema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.logverdict.report.SampleReports.build;
import static dev.logverdict.report.SampleReports.harmless;
import static dev.logverdict.report.SampleReports.ip;
import static dev.logverdict.report.SampleReports.withForgedFirstEntry;
import static org.assertj.core.api.Assertions.assertThat;

class ExportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** STIX 2.1 pattern grammar, restricted to the one comparison form the exports use. */
    private static final Pattern ADDRESS_PATTERN =
            Pattern.compile("^\\[(ipv4-addr|ipv6-addr):value = '([^'\\\\]+)'\\]$");

    private static final Pattern STIX_TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");

    private static Report sample() {
        return SampleReports.mixedVerdicts();
    }

    @Test
    void wafIpSetsHoldTheMaliciousAddressesOneFamilyPerFileInCidrForm() {
        MaliciousAddresses malicious = MaliciousAddresses.of(sample());

        assertThat(new String(
                        WafIpSet.of(malicious.addressesByRisk(4), WafIpSet.MAX_ENTRIES)
                                .text(),
                        StandardCharsets.US_ASCII))
                .isEqualTo("185.220.101.7/32\n");
        assertThat(new String(
                        WafIpSet.of(malicious.addressesByRisk(6), WafIpSet.MAX_ENTRIES)
                                .text(),
                        StandardCharsets.US_ASCII))
                .isEqualTo("2a0b:4340:1::66/128\n");
        assertThat(new String(
                        BlocklistExport.guardDutyThreatIntelSet(malicious.addresses()), StandardCharsets.US_ASCII))
                .isEqualTo("185.220.101.7\n2a0b:4340:1::66\n");
    }

    @Test
    void exportsNeverHoldANonPublicAddressEvenWhenAForgedReportCallsOneMalicious() {
        Report forged = sample();
        for (String address :
                List.of("10.0.0.9", "127.0.0.1", "198.51.100.4", "fe80::1", "::ffff:10.0.0.1", "not-an-ip")) {
            forged = withForgedFirstEntry(
                    forged,
                    new Report.IpEntry(
                            address,
                            4,
                            "public",
                            99,
                            null,
                            null,
                            "malicious",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
        }

        MaliciousAddresses malicious = MaliciousAddresses.of(forged);

        assertThat(malicious.addresses())
                .extracting(IpAddress::toString)
                .containsExactly("185.220.101.7", "2a0b:4340:1::66");
        assertThat(malicious.addresses())
                .allMatch(address -> ScopeClassifier.classify(address).isPublic());
    }

    @Test
    void noMaliciousVerdictMeansEmptyListsNotMissingOnes() {
        MaliciousAddresses none =
                MaliciousAddresses.of(build(SampleReports.MIXED_LOG, Map.of(ip("8.8.8.8"), harmless())));

        assertThat(none.isEmpty()).isTrue();
        assertThat(WafIpSet.of(none.addressesByRisk(4), WafIpSet.MAX_ENTRIES).text())
                .isEmpty();
    }

    @Test
    void stixBundleHasOneSchemaValidIndicatorPerMaliciousAddressWithAParsablePattern() throws Exception {
        Report report = sample();
        Instant now = Instant.parse("2026-11-27T10:20:00.123456Z");

        String text = JSON.writeValueAsString(
                StixExport.bundle(MaliciousAddresses.of(report), report, now, Duration.ofDays(7)));

        assertThat(ReportSchema.stixErrors(text)).isEmpty();
        JsonNode bundle = JSON.readTree(text);
        List<JsonNode> indicators = new ArrayList<>();
        bundle.get("objects").forEach(object -> {
            if (object.get("type").asText().equals("indicator")) {
                indicators.add(object);
            }
        });
        assertThat(indicators).hasSize(2);
        String identity = bundle.at("/objects/0/id").asText();
        List<String> values = new ArrayList<>();
        for (JsonNode indicator : indicators) {
            Matcher pattern = ADDRESS_PATTERN.matcher(indicator.get("pattern").asText());
            assertThat(pattern.matches()).as(indicator.get("pattern").asText()).isTrue();
            IpAddress address = IpAddressParser.parse(pattern.group(2));
            assertThat(address).isNotNull();
            assertThat(address.toString()).as("canonical text").isEqualTo(pattern.group(2));
            assertThat(pattern.group(1)).isEqualTo(address.version() == 4 ? "ipv4-addr" : "ipv6-addr");
            assertThat(ScopeClassifier.classify(address).isPublic()).isTrue();
            values.add(pattern.group(2));
            assertThat(indicator.get("created_by_ref").asText()).isEqualTo(identity);
            assertThat(indicator.get("valid_from").asText())
                    .isEqualTo("2026-11-27T10:20:00.123Z")
                    .matches(STIX_TIMESTAMP);
            assertThat(indicator.get("valid_until").asText()).isEqualTo("2026-12-04T10:20:00.123Z");
        }
        assertThat(values).containsExactly("185.220.101.7", "2a0b:4340:1::66");
        assertThat(indicators.get(0).get("confidence").asInt()).isEqualTo(100);
        assertThat(indicators.get(0).at("/external_references/0/url").asText())
                .isEqualTo("https://www.virustotal.com/gui/ip-address/185.220.101.7");
        assertThat(indicators.get(0).get("description").asText())
                .contains("7 VirusTotal engines")
                .contains("2 requests");
        assertThat(indicators.get(1).get("description").asText()).contains("listed by tor_exits");
        assertThat(indicators.get(0).get("id").asText())
                .isNotEqualTo(indicators.get(1).get("id").asText());
    }

    @Test
    void twoRunsOfTheSameLogGiveTheSameStixIdsSoAPlatformUpdatesInsteadOfDuplicating() throws Exception {
        Report report = sample();
        JsonNode first = JSON.readTree(JSON.writeValueAsString(StixExport.bundle(
                MaliciousAddresses.of(report), report, Instant.parse("2026-11-27T10:20:00Z"), Duration.ofDays(7))));
        JsonNode second = JSON.readTree(JSON.writeValueAsString(StixExport.bundle(
                MaliciousAddresses.of(report), report, Instant.parse("2026-11-28T08:00:00Z"), Duration.ofDays(7))));

        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(second.at("/objects/1/id")).isEqualTo(first.at("/objects/1/id"));
        assertThat(second.at("/objects/2/id")).isEqualTo(first.at("/objects/2/id"));
        assertThat(second.at("/objects/1/modified")).isNotEqualTo(first.at("/objects/1/modified"));
        // A version 5 UUID of the pattern in the STIX namespace, as computed independently (Python's uuid.uuid5).
        assertThat(first.at("/objects/1/id").asText()).isEqualTo("indicator--f5e16865-0caa-5ec3-9f6e-74af6aa4fce5");
        assertThat(StixExport.indicatorId(ip("185.220.101.7")))
                .isEqualTo("indicator--f5e16865-0caa-5ec3-9f6e-74af6aa4fce5");
    }
}
