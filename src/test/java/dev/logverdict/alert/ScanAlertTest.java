package dev.logverdict.alert;

import dev.logverdict.intel.Assessment;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.logverdict.report.SampleReports.build;
import static dev.logverdict.report.SampleReports.harmless;
import static dev.logverdict.report.SampleReports.ip;
import static dev.logverdict.report.SampleReports.line;
import static dev.logverdict.report.SampleReports.virusTotalMalicious;
import static org.assertj.core.api.Assertions.assertThat;

class ScanAlertTest {

    @Test
    void namesTheWorstOffendersUpToTheLimitAndWhereTheReportIs() {
        StringBuilder log = new StringBuilder();
        Map<IpAddress, Assessment> assessments = new HashMap<>();
        for (int i = 1; i <= 7; i++) {
            for (int n = 0; n < i; n++) {
                log.append(line("185.220.101." + i, "10:00:00", "/", "curl"));
            }
            assessments.put(ip("185.220.101." + i), virusTotalMalicious(4));
        }
        Report report = build(log.toString(), assessments);

        ScanAlert alert =
                ScanAlert.of(report, MaliciousAddresses.of(report), "reports-bucket", "reports/web.log.json", null, 3);

        assertThat(alert.counts().malicious()).isEqualTo(7);
        assertThat(alert.topOffenders())
                .extracting(ScanAlert.Offender::ip)
                .containsExactly("185.220.101.7", "185.220.101.6", "185.220.101.5");
        assertThat(alert.topOffenders().get(0).maliciousEngines()).isEqualTo(4);
        assertThat(alert.report().uri()).isEqualTo("s3://reports-bucket/reports/web.log.json");
        assertThat(alert.report().html()).isNull();
        assertThat(alert.summary()).isEqualTo("7 malicious IPs in s3://soc-logs/logs/web.log");
    }

    @Test
    void sendsNothingWhenNothingIsMalicious() {
        Report report = build(line("8.8.8.8", "10:00:00", "/", "curl"), Map.of(ip("8.8.8.8"), harmless()));

        assertThat(ScanAlert.of(report, MaliciousAddresses.of(report), "b", "k", null, 5))
                .isNull();
    }

    @Test
    void theSubjectIsPrintableAsciiUnderOneHundredCharactersWhateverTheKey() {
        ScanAlert alert = new ScanAlert(
                "1",
                "1 malicious IP in s3://b/logs/\r\nBcc: x@evil.test/\u00e9" + "x".repeat(200),
                null,
                null,
                null,
                List.of(),
                "2026-11-27T10:00:00Z");

        assertThat(alert.subject())
                .hasSizeLessThan(100)
                .matches("[\\x20-\\x7e]+")
                .startsWith("logverdict: 1 malicious IP in s3://b/logs/??Bcc: x@evil.test/?x");
    }
}
