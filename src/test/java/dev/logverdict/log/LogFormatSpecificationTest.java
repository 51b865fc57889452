package dev.logverdict.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formats' specification: for each format a sample log under {@code formats/<label>.log} and what a
 * scan must find in it, written by hand in {@code formats/<label>.expected.json} (the format recognised,
 * lines, malformed lines, and every client with its requests, and where given its first and last time and
 * its signals).
 */
class LogFormatSpecificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> samples() throws IOException, URISyntaxException {
        Path directory =
                Path.of(LogFormatSpecificationTest.class.getResource("/formats").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".log"))
                    .map(name -> name.substring(0, name.length() - ".log".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void everyFormatHasASample() throws Exception {
        List<String> labels = Arrays.stream(LogFormat.values())
                .filter(format -> format != LogFormat.UNKNOWN)
                .map(LogFormat::label)
                .toList();
        assertThat(samples().toList()).containsExactlyInAnyOrderElementsOf(labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void scansItsSampleAsSpecified(String label) throws IOException {
        JsonNode expected;
        TrafficScan scan;
        try (InputStream spec = resource(label + ".expected.json");
                InputStream log = resource(label + ".log")) {
            expected = JSON.readTree(spec);
            scan = new LogScanner(TestSettings.scanOptions()).scan(log);
        }
        assertThat(scan.format().label()).isEqualTo(expected.get("format").asText());
        assertThat(scan.lines()).isEqualTo(expected.get("lines").asLong());
        assertThat(scan.malformedLines()).isEqualTo(expected.get("malformed").asLong());

        Map<String, Long> requests = new LinkedHashMap<>();
        scan.clients().forEach((ip, activity) -> requests.put(ip.toString(), activity.requests()));
        Map<String, Long> expectedRequests = new LinkedHashMap<>();
        expected.get("clients")
                .properties()
                .forEach(e -> expectedRequests.put(
                        e.getKey(), e.getValue().get("requests").asLong()));
        assertThat(requests).containsExactlyInAnyOrderEntriesOf(expectedRequests);

        for (Map.Entry<IpAddress, ClientActivity> client : scan.clients().entrySet()) {
            JsonNode spec = expected.get("clients").get(client.getKey().toString());
            ClientActivity activity = client.getValue();
            if (spec.has("firstSeen")) {
                assertThat(Instant.ofEpochSecond(activity.firstSeen()))
                        .hasToString(spec.get("firstSeen").asText());
            }
            if (spec.has("lastSeen")) {
                assertThat(Instant.ofEpochSecond(activity.lastSeen()))
                        .hasToString(spec.get("lastSeen").asText());
            }
            Map<String, Integer> signals = new LinkedHashMap<>();
            activity.signals().forEach((signal, count) -> signals.put(signal.label(), count));
            Map<String, Integer> expectedSignals = new LinkedHashMap<>();
            if (spec.has("signals")) {
                spec.get("signals")
                        .properties()
                        .forEach(e ->
                                expectedSignals.put(e.getKey(), e.getValue().asInt()));
            }
            assertThat(signals)
                    .as("signals of %s", client.getKey())
                    .containsExactlyInAnyOrderEntriesOf(expectedSignals);
        }
    }

    private static InputStream resource(String name) {
        return LogFormatSpecificationTest.class.getResourceAsStream("/formats/" + name);
    }
}
