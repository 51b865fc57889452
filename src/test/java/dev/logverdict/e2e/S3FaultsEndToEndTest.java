package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.support.FaultyS3Resource;
import dev.logverdict.support.FaultyS3Resource.Fault;
import dev.logverdict.support.FaultyS3Resource.InjectFaultyS3;
import dev.logverdict.support.S3Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3 failing under the function: connections dropped mid-read, a store that keeps failing, a slow one, a 403. */
@QuarkusTest
@QuarkusTestResource(value = FaultyS3Resource.class, restrictToAnnotatedClass = true)
class S3FaultsEndToEndTest {

    private static final String BUCKET = FaultyS3Resource.BUCKET;

    @Inject
    S3Client s3;

    @InjectFaultyS3
    FaultyS3Resource store;

    private ScanClient client;

    @BeforeEach
    void faultlessStore() {
        store.clear();
        client = new ScanClient(s3, BUCKET);
    }

    private static String log(int lines) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            log.append(line("203.0.113." + (i % 50), "/page/" + i));
        }
        return log.toString();
    }

    private Response scan(String key, String log) {
        client.put(key, log);
        String eTag = s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");
        return ScanClient.post(S3Events.objectCreated(BUCKET, key, log.length(), eTag));
    }

    @Test
    void aConnectionDroppedMidReadIsResumedWhereItBrokeAndTheReportIsComplete() throws Exception {
        String key = "logs/faults/dropped.log";
        // Twice: the first GET and the first resume both break after ~20 KB of the answer.
        store.fail(key, Fault.cutAfter(20_000, 2));

        Response response = scan(key, log(1000));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        JsonNode report = client.report("reports/faults/dropped.log.json");
        assertThat(report.at("/summary/lines").asLong()).isEqualTo(1000);
        assertThat(report.at("/summary/malformedLines").asLong())
                .as("no line spliced or cut")
                .isZero();
        assertThat(report.at("/source/readError").isMissingNode()).isTrue();
        var gets = store.getsOf(key);
        assertThat(gets).hasSize(3);
        assertThat(gets.get(1).head())
                .containsPattern("(?i)range: bytes=[1-9]\\d*-")
                .containsPattern("(?i)if-match: \"?[0-9a-f]{32}");
        assertThat(gets.get(2).head()).containsPattern("(?i)range: bytes=[1-9]\\d*-");
    }

    @Test
    void aStoreThatKeepsFailingGetsAPartialReportAndAFailedInvocationToRetry() throws Exception {
        String key = "logs/faults/broken.log";
        store.fail(key, Fault.cutAfter(10_000, -1));

        Response response = scan(key, log(1000));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().asString())
                .contains("could not be read to the end")
                .contains("after 3 resumed attempts")
                .contains("reports/faults/broken.log.json");
        JsonNode report = client.report("reports/faults/broken.log.json");
        assertThat(report.at("/source/readError").asText()).startsWith("reading the object failed after ");
        assertThat(report.at("/summary/lines").asLong())
                .as("what was read is reported")
                .isBetween(1L, 999L);
        assertThat(store.getsOf(key)).hasSize(4);
    }

    @Test
    void aSlowStoreStillEndsInACompleteReport() throws Exception {
        String key = "logs/faults/slow.log";
        store.fail(key, Fault.delay(1500));

        long start = System.nanoTime();
        Response response = scan(key, log(100));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(client.report("reports/faults/slow.log.json")
                        .at("/summary/lines")
                        .asLong())
                .isEqualTo(100);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1500L, 30_000L);
    }

    @Test
    void aForbiddenObjectFailsCleanlyNamingThePermissionAndWritesNoReport() {
        String key = "logs/faults/forbidden.log";
        store.fail(key, Fault.accessDenied());

        Response response = scan(key, log(5));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().asString())
                .contains("access to s3://" + BUCKET + "/" + key + " was denied (AccessDenied)")
                .contains("s3:GetObject");
        assertThatThrownBy(() -> client.get("reports/faults/forbidden.log.json"))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(store.getsOf(key)).as("a 403 is not retried").hasSize(1);
    }
}
