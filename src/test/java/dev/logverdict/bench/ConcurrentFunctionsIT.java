package dev.logverdict.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load, in the build (after packaging): three function processes, as Lambda runs them, scan 24 objects at
 * once against S3Proxy and WireMock's VirusTotal. The larger soak run is {@link LoadBench}.
 */
class ConcurrentFunctionsIT {

    @Test
    void concurrentProcessesLoseNoReportMixNoReportsAndKeepCacheAndBudgetConsistent() throws Exception {
        Path function = FunctionProcess.unpacked(Path.of("target/function.zip"), Path.of("target/it-function"));

        LoadHarness.Result result = LoadHarness.run(new LoadHarness.Settings(3, 24, 6, 10, 500, function, 2));

        assertThat(result.violations()).isEmpty();
        assertThat(result.invocations()).isEqualTo(24);
        assertThat(result.failedInvocations()).isZero();
        assertThat(result.reportsLost()).isZero();
        assertThat(result.ledgerSpent()).isEqualTo(result.virusTotalRequests());
        assertThat(result.cachedIps()).isEqualTo(result.distinctPublicIps());
        assertThat(result.virusTotalRequests()).isBetween(result.distinctPublicIps(), result.distinctPublicIps() * 3);
        assertThat(result.wallMillis()).as("bounded in time").isLessThan(180_000);
        assertThat(result.residentKbByProcess()).hasSize(3);
        for (List<Long> samples : result.residentKbByProcess().values()) {
            assertThat(samples.get(samples.size() - 1)).as("RSS stays bounded").isLessThan(samples.get(0) * 3 / 2);
        }
        assertOperableLogs(result.residentKbByProcess().size(), result.invocations());
    }

    /**
     * What an operator reads in CloudWatch: every scan's log line names its invocation, each process has
     * one cold start and TLS's AES-GCM in native code, and each scan wrote one EMF record with its request id.
     */
    private static void assertOperableLogs(int processes, int invocations) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int metricRecords = 0;
        Set<String> scannedRequests = new HashSet<>();
        for (int index = 0; index < processes; index++) {
            Set<String> coldStarts = new HashSet<>();
            int nativeAesGcm = 0;
            for (String line : Files.readAllLines(Path.of("target", "load", "function-" + index + ".log"))) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode record = json.readTree(line);
                if (record.has("_aws")) {
                    metricRecords++;
                    assertThat(record.path("requestId").asText()).as(line).isNotEmpty();
                    assertThat(record.path("PublicIps").isNumber()).as(line).isTrue();
                } else if (record.path("message").asText().startsWith("TLS uses native AES-GCM")) {
                    nativeAesGcm++;
                } else if (record.path("message").asText().startsWith("scanned s3://")) {
                    String requestId = record.path("mdc").path("AWSRequestId").asText();
                    assertThat(requestId).as(line).isNotEmpty();
                    scannedRequests.add(requestId);
                    if (record.path("mdc").path("coldStart").asText().equals("true")) {
                        coldStarts.add(requestId);
                    }
                }
            }
            assertThat(coldStarts).as("process " + index + " starts cold once").hasSize(1);
            assertThat(nativeAesGcm)
                    .as("process " + index + " loads the packaged native AES-GCM for this machine")
                    .isEqualTo(1);
        }
        assertThat(metricRecords).as("one EMF record per scan").isEqualTo(invocations);
        assertThat(scannedRequests)
                .as("each scan's line names its own invocation")
                .hasSize(invocations);
    }
}
