package dev.logverdict.scan;

import dev.logverdict.storage.ObjectKeys;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportOutputsTest {

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
}
