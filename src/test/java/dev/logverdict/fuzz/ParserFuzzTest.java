package dev.logverdict.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.IntelStats;
import dev.logverdict.intel.IntelStatus;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogFormat;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.storage.StoredObject;
import dev.logverdict.support.TestSettings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz tests (Jazzer). In the normal build they replay the committed corpus under
 * src/test/resources/dev/logverdict/fuzz/ParserFuzzTestInputs as regression tests; with JAZZER_FUZZ=1 they fuzz.
 */
class ParserFuzzTest {

    private static final LogFormat[] FORMATS = Arrays.stream(LogFormat.values())
            .filter(format -> format != LogFormat.UNKNOWN)
            .toArray(LogFormat[]::new);
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void ipParserNeverThrowsAndRoundTrips(byte[] input) {
        IpAddress address = IpAddressParser.parseClientField(input, 0, input.length);
        if (address != null) {
            assertThat(IpAddressParser.parse(address.toString())).isEqualTo(address);
        }
    }

    /**
     * Each line format's parser on its own (the format fixed, as logverdict.log-format does): the first
     * byte picks the format, the rest is the log. The report built from it must serialise to valid JSON.
     */
    @FuzzTest(maxDuration = "30s")
    void eachLineFormatKeepsItsCountsAndAValidReport(FuzzedDataProvider data) throws IOException {
        LogFormat format = data.pickValue(FORMATS);
        byte[] log = data.consumeRemainingAsBytes();
        TrafficScan scan = new LogScanner(TestSettings.scanOptions(
                        "max-line-bytes=2048",
                        "malformed-samples=5",
                        "max-non-ip-clients=10",
                        "log-format=" + format.label()))
                .scan(new ByteArrayInputStream(log));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
        Report report = ReportBuilder.build(
                new StoredObject("b", "logs/f.log", null, "e", log.length),
                scan,
                new ReputationLookups.Outcome(
                        Map.of(), IntelStatus.NOT_CONFIGURED, null, new IntelStats(0, 0, null, 500, 0, 0, null)),
                TestSettings.verdictPolicy(),
                OfflineIntel.ofBlocklists(List.of()),
                Instant.EPOCH);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new ReportWriter().write(report, json);
        assertThat(JSON.readTree(json.toByteArray()).at("/summary/lines").asLong())
                .isEqualTo(scan.lines());
    }

    @FuzzTest(maxDuration = "30s")
    void scannerAndFormatDetectionKeepTheirCounts(byte[] input) throws IOException {
        TrafficScan scan = new LogScanner(
                        TestSettings.scanOptions("max-line-bytes=2048", "malformed-samples=5", "max-non-ip-clients=10"))
                .scan(new ByteArrayInputStream(input));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
    }
}
