package dev.logverdict.log;

import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log is written by the attacker: whatever bytes arrive, the scan ends with consistent counts. Inputs
 * come from a fixed seed (the same ones every run); a failure names the input as Base64 to replay it.
 */
class HostileInputPropertyTest {

    private static final String GOOD =
            "185.220.101.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n";
    private static final String SHAPED_CHARS = "0123456789.:[]\"\\ -/abcdefGET{}\t\r\n\u0000\u001b%<>";

    @Test
    void anyBytesEndInAConsistentScan() throws IOException {
        SplittableRandom random = new SplittableRandom(20261127L);
        for (int run = 0; run < 300; run++) {
            byte[] log = random.nextBoolean() ? noise(random) : shaped(random);
            TrafficScan scan = new LogScanner(TestSettings.scanOptions(
                            "max-line-bytes=4096", "malformed-samples=20", "max-non-ip-clients=50"))
                    .scan(new ByteArrayInputStream(log));
            String input = Base64.getEncoder().encodeToString(log);
            assertThat(scan.lines()).as(input).isEqualTo(scan.parsedLines() + scan.malformedLines());
            assertThat(scan.malformedSamples().size()).as(input).isLessThanOrEqualTo(20);
            assertThat(scan.nonIpClients().size()).as(input).isLessThanOrEqualTo(50);
            scan.malformedSamples()
                    .forEach(sample -> assertThat(sample.excerpt())
                            .as("excerpts carry no raw control characters: " + input)
                            .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f]"));
        }
    }

    private static byte[] noise(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(6001)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] shaped(SplittableRandom random) {
        StringBuilder text = new StringBuilder(GOOD);
        int length = random.nextInt(3001);
        for (int i = 0; i < length; i++) {
            text.append(SHAPED_CHARS.charAt(random.nextInt(SHAPED_CHARS.length())));
        }
        return text.append(GOOD).toString().getBytes(StandardCharsets.UTF_8);
    }
}
