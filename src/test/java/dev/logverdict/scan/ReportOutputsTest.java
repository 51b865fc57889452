package dev.logverdict.scan;

import dev.logverdict.report.Report;
import dev.logverdict.report.SampleReports;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.TestClock;
import dev.logverdict.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        return outputs.write(report, MaliciousAddresses.of(report), "soc-logs", KEY_BASE, KEY_BASE + ".json");
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
        assertThat(store.writes).hasSize(5).contains(KEY_BASE + ReportOutputs.HTML, KEY_BASE + ReportOutputs.GUARDDUTY);
    }
}
