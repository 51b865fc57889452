package dev.logverdict.scan;

import dev.logverdict.report.Report;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.TestClock;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportOutputsTest {

    private static final String KEY_BASE = "reports/web.log";

    private static ReportOutputs outputs(InMemoryObjectStore store) {
        return new ReportOutputs(
                store,
                store,
                view -> "<html></html>".getBytes(StandardCharsets.UTF_8),
                TestSettings.config(),
                new TestClock(SampleReports.GENERATED));
    }

    private static List<Report.Output> write(ReportOutputs outputs) throws IOException {
        Report report = SampleReports.mixedVerdicts();
        return outputs.writeWithReport(report, MaliciousAddresses.of(report), "soc-logs", KEY_BASE, KEY_BASE + ".json");
    }

    @Test
    void everyFileBesideTheReportUsesASuffixThatCannotMeetAnotherInputsOutput() {
        assertThat(ObjectKeys.OUTPUT_SUFFIXES)
                .containsAll(List.of(
                        ReportOutputs.HTML,
                        ReportOutputs.WAF_IPV4,
                        ReportOutputs.WAF_IPV6,
                        ReportOutputs.GUARDDUTY,
                        ReportOutputs.STIX,
                        ".json"));
    }

    @Test
    void writesEveryConfiguredFileAndListsThemInOneOrderThoughTheyAreWrittenAtOnce() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();

        List<Report.Output> written = write(outputs(store));

        assertThat(written)
                .extracting(Report.Output::kind)
                .containsExactly("html", "waf-ipv4", "waf-ipv6", "guardduty", "findings", "stix");
        written.forEach(output -> assertThat(store.objects).containsKey(output.bucket() + "/" + output.key()));
    }

    @Test
    void aFailedWriteFailsThemAllButOnlyAfterTheOthersFinished() {
        InMemoryObjectStore store = new InMemoryObjectStore() {
            @Override
            public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
                if (key.endsWith(ReportOutputs.STIX)) {
                    throw new IOException("AccessDenied on " + key);
                }
                super.write(bucket, key, contentType, body);
            }
        };

        assertThatThrownBy(() -> write(outputs(store)))
                .isInstanceOf(IOException.class)
                .hasMessage("AccessDenied on " + KEY_BASE + ReportOutputs.STIX);
        // No write is left running behind the failure: the others are complete when it is thrown.
        assertThat(store.writes)
                .hasSize(5)
                .contains(KEY_BASE + ReportOutputs.HTML, KEY_BASE + ReportOutputs.GUARDDUTY)
                .doesNotContain(KEY_BASE + ".json");
    }

    @Test
    void theJsonReportListsTheFilesAndIsCompletedOnlyAfterAllOfThem() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();

        List<Report.Output> written = write(outputs(store));

        assertThat(store.writes).hasSize(written.size() + 1).last().isEqualTo(KEY_BASE + ".json");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        new ReportWriter().write(SampleReports.mixedVerdicts().withOutputs(written), whole);
        assertThat(store.objects.get("soc-logs/" + KEY_BASE + ".json")).isEqualTo(whole.toByteArray());
    }

    @Test
    void aFailedFileLeavesNoJsonReportAndFailsWithItsOwnError() {
        for (RuntimeException failure : List.of(
                new IllegalStateException("disk full"),
                new UncheckedIOException(new IOException("connection reset")))) {
            AtomicInteger reportAttempts = new AtomicInteger();
            InMemoryObjectStore store = new InMemoryObjectStore() {
                @Override
                public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
                    if (key.endsWith(ReportOutputs.GUARDDUTY)) {
                        throw failure;
                    }
                    if (key.endsWith(".json")) {
                        reportAttempts.incrementAndGet();
                    }
                    super.write(bucket, key, contentType, body);
                }
            };

            assertThatThrownBy(() -> write(outputs(store))).isSameAs(failure);
            assertThat(store.objects).doesNotContainKey("soc-logs/" + KEY_BASE + ".json");
            assertThat(reportAttempts).hasValue(1);
            assertThat(store.writes).hasSize(5).doesNotContain(KEY_BASE + ".json");
        }
    }

    @Test
    void aFailedJsonReportIsThrownOnlyOnceTheFilesBesideItAreWritten() {
        InMemoryObjectStore store = new InMemoryObjectStore() {
            @Override
            public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
                if (key.endsWith(".json")) {
                    throw new IOException("SlowDown on " + key);
                }
                super.write(bucket, key, contentType, body);
            }
        };
        Report report = SampleReports.mixedVerdicts();

        assertThatThrownBy(() -> outputs(store)
                        .writeWithReport(
                                report, MaliciousAddresses.of(report), "soc-logs", KEY_BASE, KEY_BASE + ".json"))
                .hasMessage("SlowDown on " + KEY_BASE + ".json");
        assertThat(store.writes).hasSize(6);
    }
}
