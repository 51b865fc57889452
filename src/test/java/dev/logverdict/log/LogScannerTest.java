package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogScannerTest {

    private static final String GOOD =
            "198.51.100.23 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"";

    private final LogScanner scanner = new LogScanner(TestSettings.scanOptions());

    private TrafficScan scan(byte[] bytes) throws IOException {
        TrafficScan scan = scanner.scan(new ByteArrayInputStream(bytes));
        assertThat(scan.lines()).isEqualTo(scan.parsedLines() + scan.malformedLines());
        return scan;
    }

    private TrafficScan scan(String text) throws IOException {
        return scan(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String ips(TrafficScan scan) {
        return scan.clients().keySet().stream()
                .sorted()
                .map(IpAddress::toString)
                .collect(Collectors.joining(","));
    }

    @Test
    void anEmptyFileIsAnEmptyScanWithFormatUnknown() throws IOException {
        TrafficScan scan = scan(new byte[0]);
        assertThat(scan.lines()).isZero();
        assertThat(scan.clients()).isEmpty();
        assertThat(scan.format()).isEqualTo(LogFormat.UNKNOWN);
    }

    @Test
    void neverTakesTimestampsVersionStringsOrBadOctetsForIps() throws IOException {
        TrafficScan scan = scan(String.join(
                "\n",
                "999.1.1.1 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Chrome/10.0.648.127\"",
                "192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] \"GET /?ip=8.8.8.8 HTTP/1.1\" 200 5 \"http://1.1.1.1/\" \"Chrome/10.0.648.127\"",
                "10.0.648.127 - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\""));
        assertThat(ips(scan)).isEqualTo("192.0.2.1");
        assertThat(scan.malformedLines()).isEqualTo(2);
        assertThat(scan.nonIpClients()).isEmpty();
    }

    @Test
    void countsHostNameClientsWithoutResolvingThem() throws IOException {
        TrafficScan scan = scan(String.join(
                "\n",
                "crawl-66-249-66-1.googlebot.com - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5",
                "crawl-66-249-66-1.googlebot.com - - [27/Nov/2026:10:00:01 +0000] \"GET /a HTTP/1.1\" 200 5",
                "localhost - - [27/Nov/2026:10:00:01 +0000] \"GET /a HTTP/1.1\" 200 5"));
        assertThat(scan.clients()).isEmpty();
        assertThat(scan.nonIpClients())
                .containsEntry("crawl-66-249-66-1.googlebot.com", 2L)
                .containsEntry("localhost", 1L);
        assertThat(scan.malformedLines()).isZero();
    }

    @Test
    void capsTheHostNameListAndSaysSo() throws IOException {
        LogScanner small = new LogScanner(TestSettings.scanOptions(
                "max-line-bytes=" + (1 << 20), "malformed-samples=20", "max-non-ip-clients=2"));
        TrafficScan scan = small.scan(new ByteArrayInputStream(String.join(
                        "\n",
                        "a.example - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5",
                        "b.example - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5",
                        "c.example - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5",
                        "a.example - - [27/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(scan.nonIpClients())
                .containsOnlyKeys("a.example", "b.example")
                .containsEntry("a.example", 2L);
        assertThat(scan.truncated())
                .singleElement()
                .asString()
                .startsWith("nonIpClients:")
                .contains("1 requests");
    }

    @Test
    void handlesCrlfLineEndsAndATruncatedLastLine() throws IOException {
        TrafficScan scan = scan(GOOD + "\r\n" + GOOD.replace("198.51.100.23", "198.51.100.24") + "\r\n"
                + "198.51.100.25 - - [27/Nov/2026:10:00:00 +0000] \"GET /cut");
        assertThat(ips(scan)).isEqualTo("198.51.100.23,198.51.100.24,198.51.100.25");
        assertThat(scan.parsedLines()).isEqualTo(2);
        assertThat(scan.malformedLines()).isEqualTo(1);
        assertThat(scan.malformedSamples())
                .singleElement()
                .satisfies(sample -> assertThat(sample.lineNumber()).isEqualTo(3));
    }

    @Test
    void parsesLinesLongerThan8KiB() throws IOException {
        String longPath = "/search?q=" + "A".repeat(20_000);
        TrafficScan scan = scan(GOOD.replace("GET /", "GET " + longPath) + "\n" + GOOD + "\n");
        assertThat(scan.parsedLines()).isEqualTo(2);
        assertThat(scan.clients().get(IpAddressParser.parse("198.51.100.23")).requests())
                .isEqualTo(2);
    }

    @Test
    void cutsALineLongerThanTheLimitButStillCountsItsClient() throws IOException {
        LogScanner small = new LogScanner(
                TestSettings.scanOptions("max-line-bytes=1024", "malformed-samples=20", "max-non-ip-clients=10"));
        byte[] huge = ("203.0.113.77 - - [27/Nov/2026:10:00:00 +0000] \"GET /" + "x".repeat(5 * 1024 * 1024)
                        + " HTTP/1.1\" 200 5\n" + GOOD + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        TrafficScan scan = small.scan(new ByteArrayInputStream(huge));
        assertThat(scan.lines()).isEqualTo(2);
        assertThat(ips(scan)).isEqualTo("198.51.100.23,203.0.113.77");
        assertThat(scan.malformedSamples()).singleElement().satisfies(sample -> {
            assertThat(sample.reason()).isEqualTo("line longer than 1024 bytes; the rest was skipped");
            assertThat(sample.excerpt()).hasSizeLessThan(200).endsWith("…");
        });
    }

    @Test
    void survivesInvalidUtf8NulBytesAndControlCharacters() throws IOException {
        byte[] garbage =
                (GOOD.replace("Mozilla/5.0", "Moz\u0000\u001b[31mred") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, ' ', '-', '\n'};
        byte[] all = concat(garbage, invalid, "\u0000\u0000\n".getBytes(StandardCharsets.UTF_8));
        TrafficScan scan = scan(all);
        assertThat(ips(scan)).isEqualTo("198.51.100.23");
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.malformedLines()).isEqualTo(2);
        assertThat(scan.malformedSamples().get(0).excerpt())
                .startsWith("\ufffd(\ufffd")
                .doesNotContain("\u0000");
        assertThat(scan.malformedSamples().get(1).excerpt()).isEqualTo("\\x00\\x00");
    }

    @Test
    void recognisesGzipByItsMagicBytes() throws IOException {
        TrafficScan scan = scan(gzip((GOOD + "\n").repeat(3)));
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.inputError()).isNull();
        assertThat(scan.format()).isEqualTo(LogFormat.COMBINED);
    }

    @Test
    void reportsWhatWasReadFromATruncatedGzip() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.append(GOOD.replace("198.51.100.23", "198.51." + (i / 250) + "." + (i % 250)))
                    .append('\n');
        }
        byte[] whole = gzip(log.toString());
        TrafficScan scan = scan(Arrays.copyOf(whole, whole.length / 2));
        assertThat(scan.inputError()).contains("truncated");
        assertThat(scan.lines()).isBetween(1L, 4999L);
        assertThat(scan.clients()).isNotEmpty();
    }

    @Test
    void samplesOnlyTheFirstMalformedLines() throws IOException {
        TrafficScan scan = scan("garbage\n".repeat(50));
        assertThat(scan.malformedLines()).isEqualTo(50);
        assertThat(scan.malformedSamples()).hasSize(20);
        assertThat(scan.format()).isEqualTo(LogFormat.UNKNOWN);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
