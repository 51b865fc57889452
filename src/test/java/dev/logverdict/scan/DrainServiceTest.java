package dev.logverdict.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.LookupResult;
import dev.logverdict.intel.QuotaLedger;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.RequestAllowance;
import dev.logverdict.intel.SharedAllowance;
import dev.logverdict.intel.ThreatIntel;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.intel.VerdictCache;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.InMemoryVerdictCache;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.TestClock;
import dev.logverdict.support.TestSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans and scheduled drains on a fake clock, every store in memory: a scan never waits, drains answer
 * the rest in priority order within the pace and the day's budget, and reports converge without a rescan.
 */
class DrainServiceTest {

    private static final String BUCKET = "soc-logs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final InMemoryObjectStore store = new InMemoryObjectStore(clock::instant);
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> maliciousIps = Set.of("45.10.0.3", "45.10.0.9");
    private final InMemoryVerdictCache cache = new InMemoryVerdictCache();
    private int perMinute = 4;
    private List<Instant> intelCalls;
    private int perDay = 500;

    private final ThreatIntel intel = new ThreatIntel() {
        @Override
        public boolean isConfigured() {
            return true;
        }

        @Override
        public LookupResult lookup(IpAddress address) {
            asked.add(address.toString());
            if (intelCalls != null) {
                intelCalls.add(clock.instant());
            }
            int engines = maliciousIps.contains(address.toString()) ? 7 : 0;
            return new LookupResult.Found(
                    new Reputation(engines, 0, 60, 20, 0, engines > 0 ? -10 : 0, null, null, null, null, null, null));
        }
    };

    private final IntelStorage intelStorage = new IntelStorage() {
        @Override
        public VerdictCache verdictCache(String bucket, String provider) {
            return cache;
        }

        private final QuotaLedger ledger = QuotaLedger.inMemory();

        @Override
        public QuotaLedger quotaLedger(String bucket, String provider) {
            return ledger;
        }

        @Override
        public RequestAllowance requestAllowance(String bucket, String provider) {
            return new SharedAllowance(store, bucket, "cache/_quota/virustotal/", perMinute, perDay);
        }

        @Override
        public OfflineIntel offlineIntel(String bucket) {
            return OfflineIntel.ofBlocklists(List.of());
        }
    };

    /** The defaults, read as Quarkus reads them ("15m" durations included). */
    private final LogVerdictConfig config = new SmallRyeConfigBuilder()
            .withMapping(LogVerdictConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter())
            .build()
            .getConfigMapping(LogVerdictConfig.class);

    private final LookupEngine engine = new LookupEngine(
            intel, intelStorage, TestSettings.verdictPolicy(), TestSettings.intelSettings(), clock, duration -> {
                sleeps.add(duration);
                clock.set(clock.instant().plus(duration));
            });
    private final AlertPublisher noAlerts = AlertPublisher.disabled();
    private final ReportOutputs outputs =
            new ReportOutputs(store, store, view -> "<html></html>".getBytes(StandardCharsets.UTF_8), config, clock);
    private final ScanAlerts alerts = new ScanAlerts(noAlerts, store, config, clock);
    private final ScanService scans = new ScanService(
            store,
            engine,
            intelStorage,
            outputs,
            alerts,
            measurement -> {},
            config,
            Settings.scanOptionsOf(config),
            clock);
    /** No network here: every public source fails, and the drain carries on with what it has. */
    private final DrainService drains = new DrainService(
            store,
            engine,
            intelStorage,
            outputs,
            alerts,
            (url, etag, lastModified) -> {
                throw new IOException("no network in this test");
            },
            config,
            clock);

    private static final TimeBudget FIFTEEN_MINUTES = () -> Duration.ofMinutes(15);

    private void upload(String key, String log) throws IOException {
        store.write(BUCKET, key, "text/plain", out -> out.write(log.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode report(String key) throws IOException {
        String text = new String(store.objects.get(BUCKET + "/" + key), StandardCharsets.UTF_8);
        ReportSchema.assertValid(text);
        JsonNode report = JSON.readTree(text);
        JsonNode s = report.get("summary");
        assertThat(s.get("lookedUp").asLong()
                        + s.get("fromCache").asLong()
                        + s.get("fromFeeds").asLong()
                        + s.get("notChecked").asLong())
                .isEqualTo(s.get("publicIps").asLong());
        assertThat(s.get("malicious").asLong()
                        + s.get("suspicious").asLong()
                        + s.get("harmless").asLong()
                        + s.get("unknown").asLong()
                        + s.get("notChecked").asLong())
                .isEqualTo(s.get("publicIps").asLong());
        return report;
    }

    private static String lines(String ip, int requests, String path) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            log.append(ip)
                    .append(" - - [27/Nov/2026:09:")
                    .append(String.format("%02d", i % 60))
                    .append(":00 +0000] \"GET ")
                    .append(path)
                    .append(" HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\"\n");
        }
        return log.toString();
    }

    private List<String> pendingObjects() {
        return store.objects.keySet().stream()
                .filter(k -> k.contains("_pending/"))
                .toList();
    }

    private DrainService.DrainOutcome drainAt(Duration sinceStart, Instant start) {
        clock.set(start.plus(sinceStart));
        return drains.drain(BUCKET, FIFTEEN_MINUTES);
    }

    @Test
    void aScanNeverWaitsAndDrainsAnswerTheRestInPriorityOrderUntilTheReportConverges() throws IOException {
        perDay = 6;
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            log.append(lines("45.10.0." + i, 20 - i, "/"));
        }
        log.append(lines("45.10.0.10", 1, "/.env"));
        upload("logs/web.log", log.toString());
        Instant start = clock.instant();

        ScanOutcome scanned = scans.scan(BUCKET, "logs/web.log", null, FIFTEEN_MINUTES);

        assertThat(sleeps).as("a scan never sleeps for quota").isEmpty();
        assertThat(asked)
                .as("the pace's four requests, attack signals first")
                .containsExactly("45.10.0.10", "45.10.0.1", "45.10.0.2", "45.10.0.3");
        JsonNode first = report("reports/web.log.json");
        assertThat(first.at("/summary/notChecked").asLong()).isEqualTo(6);
        assertThat(first.at("/ips/0/ip").asText()).isEqualTo("45.10.0.3");
        assertThat(scanned.summary().notChecked()).isEqualTo(6);
        assertThat(pendingObjects()).hasSize(1);

        // A minute later: the pace has room again, but the day's budget (6) has only two requests left.
        DrainService.DrainOutcome one = drainAt(Duration.ofSeconds(61), start);
        assertThat(asked.subList(4, asked.size())).containsExactly("45.10.0.4", "45.10.0.5");
        assertThat(one.refreshedReports())
                .as("answers wait for the refresh interval")
                .isZero();
        byte[] before = store.objects.get(BUCKET + "/reports/web.log.json");

        drainAt(Duration.ofMinutes(16), start);
        assertThat(asked).hasSize(6);
        JsonNode refreshed = report("reports/web.log.json");
        assertThat(refreshed.at("/summary/notChecked").asLong()).isEqualTo(4);
        assertThat(refreshed.at("/ips/1/lookup/reason").asText()).startsWith("queued");
        assertThat(store.objects.get(BUCKET + "/reports/web.log.json")).isNotEqualTo(before);

        // Nothing new: the report is not written again.
        byte[] settled = store.objects.get(BUCKET + "/reports/web.log.json");
        drainAt(Duration.ofMinutes(40), start);
        assertThat(store.objects.get(BUCKET + "/reports/web.log.json")).isSameAs(settled);

        // The next UTC day: a new budget; the first answers' cache entries have expired by then.
        drainAt(Duration.ofHours(25), start);
        drainAt(Duration.ofHours(25).plusMinutes(2), start);
        assertThat(asked.subList(6, asked.size())).containsExactly("45.10.0.6", "45.10.0.7", "45.10.0.8", "45.10.0.9");
        JsonNode done = report("reports/web.log.json");
        assertThat(done.at("/summary/notChecked").asLong()).isZero();
        assertThat(done.at("/summary/malicious").asLong())
                .as("an answered verdict never reverts")
                .isEqualTo(2);
        assertThat(done.at("/ips/0/ip").asText()).isEqualTo("45.10.0.3");
        assertThat(done.at("/ips/1/ip").asText()).isEqualTo("45.10.0.9");
        assertThat(pendingObjects()).as("nothing waits any more").isEmpty();
        assertThat(new String(store.objects.get(BUCKET + "/reports/web.log.waf-ipv4.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("45.10.0.3/32\n45.10.0.9/32\n");
    }

    @Test
    void aScanOfThirtyUncachedIpsAtFourAMinuteAsksFourAndReturnsWithoutSleeping() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            log.append(lines("45.10.3." + i, 1 + i % 5, "/"));
        }
        upload("logs/thirty.log", log.toString());

        ScanOutcome outcome = scans.scan(BUCKET, "logs/thirty.log", null, FIFTEEN_MINUTES);

        assertThat(asked).hasSize(4);
        assertThat(sleeps).isEmpty();
        assertThat(clock.instant())
                .as("no time passed on the fake clock")
                .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(outcome.summary().notChecked()).isEqualTo(26);
        JsonNode report = report("reports/thirty.log.json");
        List<JsonNode> answered = new ArrayList<>();
        report.get("ips").forEach(entry -> {
            if (entry.at("/lookup/status").asText().equals("ok")) {
                answered.add(entry);
            }
        });
        assertThat(answered).hasSize(4).allSatisfy(entry -> {
            assertThat(entry.at("/lookup/checkedAt").asText())
                    .as("when, and by whom")
                    .isEqualTo("2026-11-27T10:00:00Z");
            assertThat(entry.at("/lookup/source").asText()).isEqualTo("virustotal");
        });
    }

    @Test
    void scansAndDrainsTakingTurnsNeverAskMoreThanFourInAnyMinute() throws IOException {
        List<Instant> askedAt = Collections.synchronizedList(new ArrayList<>());
        intelCalls = askedAt;
        Instant start = clock.instant();
        for (int log = 0; log < 6; log++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
                lines.append(lines("45.11." + log + "." + i, i, "/"));
            }
            upload("logs/burst-" + log + ".log", lines.toString());
        }
        // Scans arrive every 20 s while the schedule drains every minute, each with its own view of the budget.
        for (int second = 0; second <= 900; second += 10) {
            Instant at = start.plusSeconds(second);
            if (clock.instant().isBefore(at)) {
                clock.set(at);
            }
            if (second % 20 == 0 && second / 20 < 6) {
                scans.scan(BUCKET, "logs/burst-" + second / 20 + ".log", null, FIFTEEN_MINUTES);
            }
            if (second % 60 == 30) {
                drains.drain(BUCKET, FIFTEEN_MINUTES);
            }
        }

        assertThat(askedAt).hasSizeGreaterThan(20);
        for (int i = 0; i + 4 < askedAt.size(); i++) {
            assertThat(Duration.between(askedAt.get(i), askedAt.get(i + 4)))
                    .as("requests %d to %d", i, i + 4)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void oneIpv6PrefixCountsAsOneCandidateAndCannotTakeMoreThanItsCap() throws IOException {
        perMinute = 1;
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            log.append(lines("2a0b:4340:1:2::" + Integer.toHexString(i), 3, "/.git/config"));
        }
        log.append(lines("45.10.1.1", 2, "/")).append(lines("45.10.1.2", 1, "/"));
        upload("logs/flood.log", log.toString());
        Instant start = clock.instant();

        scans.scan(BUCKET, "logs/flood.log", null, FIFTEEN_MINUTES);
        for (int minute = 1; minute <= 6; minute++) {
            drainAt(Duration.ofMinutes(minute).plusSeconds(5), start);
        }

        assertThat(asked)
                .as("one a minute: the /64 takes a turn, then each IPv4, then the /64 again")
                .containsExactly(
                        "2a0b:4340:1:2::1",
                        "2a0b:4340:1:2::2",
                        "45.10.1.1",
                        "45.10.1.2",
                        "2a0b:4340:1:2::3",
                        "2a0b:4340:1:2::4");
        JsonNode report = report("reports/flood.log.json");
        long capped = 0;
        for (JsonNode entry : report.get("ips")) {
            if (entry.at("/lookup/reason")
                    .asText()
                    .startsWith("not looked up: more than 4 addresses of 2a0b:4340:1:2::/64")) {
                capped++;
            }
        }
        assertThat(capped).isEqualTo(26);
        assertThat(pendingObjects()).isEmpty();
    }

    @Test
    void theWindowClosesFromTheFirstScanAndTheRestStayNotCheckedWithTheReason() throws IOException {
        perDay = 0;
        upload("logs/late.log", lines("45.10.2.1", 2, "/") + lines("45.10.2.2", 1, "/"));
        Instant start = clock.instant();
        scans.scan(BUCKET, "logs/late.log", null, FIFTEEN_MINUTES);
        clock.set(start.plus(Duration.ofHours(1)));
        scans.scan(BUCKET, "logs/late.log", null, FIFTEEN_MINUTES);

        drainAt(Duration.ofHours(47).plusMinutes(59), start);
        assertThat(pendingObjects()).as("the window runs from the first scan").hasSize(1);
        DrainService.DrainOutcome closing = drainAt(Duration.ofHours(48).plusMinutes(1), start);

        assertThat(closing.closedReports()).isEqualTo(1);
        assertThat(pendingObjects()).isEmpty();
        JsonNode report = report("reports/late.log.json");
        assertThat(report.at("/summary/notChecked").asLong()).isEqualTo(2);
        for (JsonNode entry : report.get("ips")) {
            assertThat(entry.at("/lookup/reason").asText()).startsWith("window_closed");
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void twoDrainsNeverOverlapAndACrashedOnesLeaseAgesOut() {
        clock.set(Instant.parse("2026-11-27T10:00:40Z"));
        assertThat(drains.drain(BUCKET, FIFTEEN_MINUTES).status()).isEqualTo("idle");
        assertThat(drains.drain(BUCKET, FIFTEEN_MINUTES).status())
                .as("the same minute")
                .isEqualTo("busy");
        clock.set(clock.instant().plusSeconds(30)); // the next minute, while the first may still run
        assertThat(drains.drain(BUCKET, FIFTEEN_MINUTES).status())
                .as("the previous drain may still run")
                .isEqualTo("busy");
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(drains.drain(BUCKET, FIFTEEN_MINUTES).status()).isEqualTo("idle");
    }
}
