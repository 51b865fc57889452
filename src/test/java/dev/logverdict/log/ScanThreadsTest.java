package dev.logverdict.log;

import dev.logverdict.bench.AccessLogGenerator;
import dev.logverdict.bench.ScanDigest;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.log.activity.ClientStore;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading ahead and counting on threads of their own beside the parsing must not change a single result:
 * the same clients with the same activity (which ones keep detail depends on the order they were counted
 * in), the same bounds, counts and samples as one thread finds.
 */
class ScanThreadsTest {

    @TempDir
    static Path dir;

    /** Small bounds, so the generated logs run past every one of them. */
    private static final ScanOptions BOUNDED =
            TestSettings.scanOptions("max-tracked-ips=3000", "max-detailed-ips=1000", "malformed-samples=5");

    @BeforeAll
    static void generateLogs() throws IOException {
        generate("generated.log", 3);
        generate("generated.log.gz", 4, "--gzip");
        // Cut off mid-stream: both ways must stop at the same byte with the same partial results.
        byte[] gzip = Files.readAllBytes(dir.resolve("generated.log.gz"));
        Files.write(dir.resolve("cut.log.gz"), Arrays.copyOf(gzip, gzip.length / 2));
    }

    private static void generate(String name, int seed, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--lines", "120000", "--unique", "8000", "--seed", "" + seed));
        args.addAll(List.of(options));
        args.add(dir.resolve(name).toString());
        AccessLogGenerator.main(args.toArray(String[]::new));
    }

    static Stream<Path> logs() throws IOException, URISyntaxException {
        List<Path> logs = new ArrayList<>();
        for (String folder : List.of("/formats", "/hostile")) {
            try (Stream<Path> files =
                    Files.list(Path.of(ScanThreadsTest.class.getResource(folder).toURI()))) {
                files.filter(file -> !file.toString().endsWith(".json"))
                        .sorted()
                        .forEach(logs::add);
            }
        }
        logs.add(dir.resolve("generated.log"));
        logs.add(dir.resolve("generated.log.gz"));
        logs.add(dir.resolve("cut.log.gz"));
        return logs.stream();
    }

    private static TrafficScan scan(Path log, boolean besideParsing) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return new LogScanner(BOUNDED, ClientStore.HOUR_LOG_BUDGET, besideParsing).scan(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void findsWhatOneThreadFinds(Path log) throws Exception {
        TrafficScan one = scan(log, false);
        TrafficScan beside = scan(log, true);

        assertThat(one.lines()).isPositive();
        assertThat(ScanDigest.of(beside)).isEqualTo(ScanDigest.of(one));
        assertThat(beside)
                .usingRecursiveComparison()
                .ignoringFields("clients", "aggregated")
                .isEqualTo(one);
        assertThat(summary(beside.aggregated())).isEqualTo(summary(one.aggregated()));
    }

    /** What the report says of each aggregated network (its activity is a view of the scan's own tables). */
    private static Map<String, String> summary(Map<String, ClientActivity> aggregated) {
        Map<String, String> summary = new TreeMap<>();
        aggregated.forEach((network, activity) -> summary.put(
                network,
                activity.requests() + " " + activity.bytes() + " " + activity.firstSeen() + " " + activity.lastSeen()
                        + " " + activity.signals()));
        return summary;
    }
}
