package dev.logverdict.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.SampleReports;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Attacker-written logs that earlier tests do not already cover: a 100 MB line, log forging. */
class HostileLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code size} bytes of 'A' made on the fly: the test itself never holds the line. */
    private static InputStream endlessA(long size) {
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void aHundredMegabyteLineWithoutANewlineIsCutCountedAndItsClientKept() throws IOException {
        long lineBytes = 100L * 1024 * 1024;
        InputStream log = new SequenceInputStream(
                new ByteArrayInputStream(
                        "203.0.113.77 - - [27/Nov/2026:10:00:00 +0000] \"GET /".getBytes(StandardCharsets.US_ASCII)),
                endlessA(lineBytes));
        long heapBefore = usedHeap();

        TrafficScan scan = new LogScanner(TestSettings.scanOptions()).scan(log);

        assertThat(scan.lines()).isEqualTo(1);
        assertThat(scan.malformedLines()).isEqualTo(1);
        assertThat(scan.bytesRead()).isGreaterThan(lineBytes);
        assertThat(scan.clients()).containsOnlyKeys(IpAddressParser.parse("203.0.113.77"));
        assertThat(scan.malformedSamples()).singleElement().satisfies(sample -> {
            assertThat(sample.reason()).startsWith("line longer than 1048576 bytes");
            assertThat(sample.excerpt()).hasSizeLessThan(300);
        });
        // The line is never held: the scan kept well under the line's size (a loose bound; GC timing varies).
        assertThat(usedHeap() - heapBefore).isLessThan(lineBytes / 2);
    }

    @Test
    void forgedLinesControlCharactersAndScriptTagsStayInertInTheJsonReport() throws IOException {
        String forged = "203.0.113.9 - - [27/Nov/2026:10:00:00 +0000] \"GET /login HTTP/1.1\" 200 5 \"-\" "
                + "\"curl\r203.0.113.1 - admin [27/Nov/2026:10:00:00 +0000] \\\"GET /ok\\\" 200\u001b[2K</script><script>alert(1)</script>\u0007\"\n"
                + "\u001b]0;pwned\u0007 garbage line\r\n";
        Report report = SampleReports.build(forged, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(report, out);
        String json = out.toString(StandardCharsets.UTF_8);

        ReportSchema.assertValid(json);
        assertThat(json).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        JsonNode parsed = JSON.readTree(json);
        assertThat(parsed.at("/summary/uniqueIps").asLong())
                .as("the forged address inside the agent is not a client")
                .isEqualTo(1);
        assertThat(parsed.at("/ips/0/ip").asText()).isEqualTo("203.0.113.9");
        assertThat(parsed.at("/summary/malformedLines").asLong()).isEqualTo(1);
        assertThat(parsed.at("/malformedSamples/0/excerpt").asText())
                .doesNotContain("\u001b")
                .startsWith("\\x1b]0;pwned\\x07");
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
