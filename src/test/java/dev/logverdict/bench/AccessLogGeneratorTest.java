package dev.logverdict.bench;

import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.log.LogFormat;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark logs' ground truth is what the scanner finds in them, and the same arguments give the same bytes. */
class AccessLogGeneratorTest {

    @TempDir
    Path directory;

    @Test
    void statsAreTheGroundTruthTheScannerFinds() throws IOException {
        Path log = directory.resolve("access.log");
        AccessLogGenerator.Stats stats = AccessLogGenerator.write(AccessLogGenerator.parse(
                "--lines",
                "20000",
                "--unique",
                "700",
                "--seed",
                "7",
                "--ipv6-share",
                "0.2",
                "--scanner-share",
                "0.05",
                log.toString()));

        TrafficScan scan;
        try (InputStream in = Files.newInputStream(log)) {
            scan = new LogScanner(TestSettings.scanOptions()).scan(in);
        }

        assertThat(scan.lines()).isEqualTo(20_000);
        assertThat(scan.malformedLines()).isZero();
        assertThat(scan.format()).isEqualTo(LogFormat.COMBINED);
        assertThat(stats.bytes()).isEqualTo(Files.size(log));
        assertThat(scan.clients()).hasSize(stats.distinctClients());
        assertThat(scan.clients().keySet().stream()
                        .filter(ip -> ip.version() == 6)
                        .count())
                .isEqualTo(stats.ipv6Clients());
        assertThat(scan.clients().keySet().stream()
                        .filter(ip -> ScopeClassifier.classify(ip).isPublic())
                        .count())
                .isEqualTo(stats.distinctClients() - stats.privateClients());
        assertThat(stats.ipv6Clients()).isBetween(70, 210);
        assertThat(stats.privateClients()).isPositive();
        assertThat(stats.scannerLines()).isBetween(800L, 1_200L);
        long busiest = scan.clients().values().stream()
                .mapToLong(activity -> activity.requests())
                .max()
                .orElseThrow();
        assertThat(busiest).as("a heavy-tailed distribution has a busy head").isGreaterThan(20_000 / 100);
        assertThat(stats.json()).contains("\"distinctClients\": " + stats.distinctClients());
    }

    @Test
    void theSameArgumentsGiveTheSameBytesAndGzipHoldsThemToo() throws IOException {
        Path first = directory.resolve("first.log");
        Path second = directory.resolve("second.log");
        Path zipped = directory.resolve("third.log.gz");
        AccessLogGenerator.write(AccessLogGenerator.parse("--lines", "3000", "--unique", "100", first.toString()));
        AccessLogGenerator.write(AccessLogGenerator.parse("--lines", "3000", "--unique", "100", second.toString()));
        AccessLogGenerator.write(
                AccessLogGenerator.parse("--lines", "3000", "--unique", "100", "--gzip", zipped.toString()));
        Path other = directory.resolve("other.log");
        AccessLogGenerator.write(
                AccessLogGenerator.parse("--lines", "3000", "--unique", "100", "--seed", "43", other.toString()));

        byte[] expected = Files.readAllBytes(first);
        assertThat(Files.readAllBytes(second)).isEqualTo(expected);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(zipped))) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(Files.size(zipped)).isLessThan(expected.length / 3);
        assertThat(Files.readAllBytes(other)).isNotEqualTo(expected);
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> AccessLogGenerator.parse("--lines", "many", "out.log"))
                .hasMessageContaining("--lines many");
        assertThatThrownBy(() -> AccessLogGenerator.parse("--ipv6-share", "1.5", "out.log"))
                .hasMessageContaining("--ipv6-share");
        assertThatThrownBy(() -> AccessLogGenerator.parse("--lines", "10")).hasMessageContaining("output");
        assertThatThrownBy(() -> AccessLogGenerator.parse("--frobnicate", "out.log"))
                .hasMessageContaining("--frobnicate");
    }
}
