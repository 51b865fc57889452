package dev.logverdict.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

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
    }
}
