package dev.logverdict.scan;

import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.logverdict.report.SampleReports.build;
import static dev.logverdict.report.SampleReports.ip;
import static dev.logverdict.report.SampleReports.line;
import static dev.logverdict.report.SampleReports.virusTotalMalicious;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanAlertsTest {

    private static final Report MALICIOUS = build(line("185.220.101.7", "10:00:00", "/.env", "curl"),
            Map.of(ip("185.220.101.7"), virusTotalMalicious(5)));

    /** Records what it sends; fails while {@code failing} is set. */
    private static final class RecordingPublisher implements AlertPublisher {
        final List<String> sent = new ArrayList<>();
        boolean failing;

        @Override
        public String target() {
            return "test";
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String publish(ScanAlert alert, String alertJson) {
            if (failing) {
                throw new AlertFailedException("bus unavailable", null);
            }
            sent.add(alertJson);
            return "id-" + sent.size();
        }
    }

    @Test
    void aRetriedConditionalWriteThatLandedStillCountsAsOurs() {
        // The store keeps the write but answers "already there", as S3 does to an SDK retry of a PUT that landed.
        InMemoryObjectStore store = new InMemoryObjectStore() {
            @Override
            public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
                super.createIfAbsent(bucket, key, contentType, body);
                return false;
            }
        };
        RecordingPublisher publisher = new RecordingPublisher();

        AlertOutcome outcome = new ScanAlerts(publisher, store, 5, "cache/_alerts/").alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null);

        assertThat(outcome.status()).isEqualTo("sent");
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void aSecondScanOfTheSameObjectVersionIsADuplicate() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingPublisher publisher = new RecordingPublisher();
        ScanAlerts alerts = new ScanAlerts(publisher, store, 5, "cache/_alerts/");

        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null).status()).isEqualTo("sent");
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null).status()).isEqualTo("duplicate");
        assertThat(publisher.sent).hasSize(1);
        assertThat(store.objects.keySet()).singleElement().asString().startsWith("b/cache/_alerts/").endsWith(".json");
    }

    @Test
    void aFailedSendRemovesTheMarkerSoTheRetrySends() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingPublisher publisher = new RecordingPublisher();
        ScanAlerts alerts = new ScanAlerts(publisher, store, 5, "cache/_alerts/");
        publisher.failing = true;

        assertThatThrownBy(() -> alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)).isInstanceOf(AlertFailedException.class);
        assertThat(store.objects).isEmpty();

        publisher.failing = false;
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null).status()).isEqualTo("sent");
    }
}
