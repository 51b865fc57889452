package dev.logverdict.log;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The log is written by the attacker: whatever bytes arrive, the scan ends with consistent counts. */
class HostileInputProperties {

    private static final String GOOD = "185.220.101.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n";

    @Property(tries = 300)
    void anyBytesEndInAConsistentScan(@ForAll("hostileLogs") byte[] log) throws IOException {
        TrafficScan scan = new LogScanner(ScanOptions.defaults().withLimits(4096, 20, 50))
                .scan(new ByteArrayInputStream(log));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
        assertThat(scan.malformedSamples().size()).isLessThanOrEqualTo(20);
        assertThat(scan.nonIpClients().size()).isLessThanOrEqualTo(50);
        scan.malformedSamples().forEach(sample -> assertThat(sample.excerpt())
                .as("excerpts carry no raw control characters").doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f]"));
    }

    @Provide
    Arbitrary<byte[]> hostileLogs() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(6000);
        Arbitrary<byte[]> shaped = Arbitraries.strings()
                .withChars("0123456789.:[]\"\\ -/abcdefGET{}\t\r\n\u0000\u001b%<>")
                .ofMaxLength(3000)
                .map(s -> (GOOD + s + GOOD).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(noise, shaped);
    }
}
