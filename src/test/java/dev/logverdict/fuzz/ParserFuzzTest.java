package dev.logverdict.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz tests (Jazzer). In the normal build they replay the committed corpus under
 * src/test/resources/dev/logverdict/fuzz/ParserFuzzTestInputs as regression tests; with JAZZER_FUZZ=1 they fuzz.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void ipParserNeverThrowsAndRoundTrips(byte[] input) {
        IpAddress address = IpAddressParser.parseClientField(input, 0, input.length);
        if (address != null) {
            assertThat(IpAddressParser.parse(address.toString())).isEqualTo(address);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scannerAndFormatDetectionKeepTheirCounts(byte[] input) throws IOException {
        TrafficScan scan = new LogScanner(ScanOptions.defaults().withLimits(2048, 5, 10)).scan(new ByteArrayInputStream(input));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
    }
}
