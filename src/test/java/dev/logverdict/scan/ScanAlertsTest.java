package dev.logverdict.scan;

import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    private final TestClock clock = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));

    private static final Report MALICIOUS = build(
            line("185.220.101.7", "10:00:00", "/.env", "curl"), Map.of(ip("185.220.101.7"), virusTotalMalicious(5)));

    /** Records what it sends; fails while {@code failing} is set. */
    private static final class RecordingPublisher implements AlertPublisher {
        final List<String> sent = new ArrayList<>();
        boolean failing;
        RuntimeException crash;

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
            if (crash != null) {
                throw crash;
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

        AlertOutcome outcome = new ScanAlerts(publisher, store, 5, "cache/_alerts/", Duration.ofMinutes(16), clock)
                .alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null);

        assertThat(outcome.status()).isEqualTo("sent");
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void aSecondScanOfTheSameObjectVersionIsADuplicate() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingPublisher publisher = new RecordingPublisher();
        ScanAlerts alerts = new ScanAlerts(publisher, store, 5, "cache/_alerts/", Duration.ofMinutes(16), clock);

        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("sent");
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("duplicate");
        assertThat(publisher.sent).hasSize(1);
        assertThat(store.objects.keySet())
                .singleElement()
                .asString()
                .startsWith("b/cache/_alerts/")
                .endsWith(".json");
        assertThat(new String(store.objects.values().iterator().next()))
                .contains("\"state\":\"sent\"")
                .contains("\"messageId\":\"id-1\"")
                .contains("\"claimedAt\":\"2026-11-27T10:00:00Z\"");
    }

    @Test
    void aFailedSendRemovesTheMarkerSoTheRetrySends() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingPublisher publisher = new RecordingPublisher();
        ScanAlerts alerts = new ScanAlerts(publisher, store, 5, "cache/_alerts/", Duration.ofMinutes(16), clock);
        publisher.failing = true;

        assertThatThrownBy(() -> alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null))
                .isInstanceOf(AlertFailedException.class);
        assertThat(new String(store.objects.values().iterator().next())).contains("\"state\":\"failed\"");

        publisher.failing = false;
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("sent");
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("duplicate");
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void aCrashAfterTheClaimStillAlertsOnARetryAfterTheClaimTimeout() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        RecordingPublisher publisher = new RecordingPublisher();
        ScanAlerts alerts = new ScanAlerts(publisher, store, 5, "cache/_alerts/", Duration.ofMinutes(16), clock);
        // The first attempt claims the marker and dies before sending: nothing marks the marker as failed.
        InMemoryObjectStore crashing = new InMemoryObjectStore() {
            @Override
            public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
                store.createIfAbsent(bucket, key, contentType, body);
                throw new IllegalStateException("the invocation timed out");
            }
        };
        assertThatThrownBy(() -> new ScanAlerts(publisher, crashing, 5, "cache/_alerts/", Duration.ofMinutes(16), clock)
                        .alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null))
                .hasMessageContaining("timed out");
        assertThat(publisher.sent).isEmpty();

        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .as("another attempt may still be sending")
                .isEqualTo("duplicate");

        clock.set(clock.instant().plus(Duration.ofMinutes(12)));
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("sent");
        assertThat(publisher.sent).hasSize(1);
        assertThat(store.objects.keySet())
                .hasSize(2)
                .anySatisfy(key -> assertThat(key).endsWith(".1.json"));
        assertThat(alerts.alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null)
                        .status())
                .isEqualTo("duplicate");
    }

    @Test
    void aFailureToReleaseTheMarkerNeverHidesWhySendingFailed() {
        InMemoryObjectStore store = new InMemoryObjectStore() {
            @Override
            public void write(String bucket, String key, String contentType, BodyWriter body) {
                throw new IllegalStateException("S3 is down too");
            }
        };
        RecordingPublisher publisher = new RecordingPublisher();
        publisher.crash = new IllegalArgumentException("SNS rejected the message attributes");

        assertThatThrownBy(() -> new ScanAlerts(publisher, store, 5, "cache/_alerts/", Duration.ofMinutes(16), clock)
                        .alertOnce(MALICIOUS, MaliciousAddresses.of(MALICIOUS), "b", "r.json", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message attributes")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining("S3 is down too")));
    }
}
