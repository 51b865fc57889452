package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.PublicSources;
import dev.logverdict.intel.Assessment;
import dev.logverdict.intel.CombinedLookups;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.PrefixCap;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.intel.queue.LookupQueue;
import dev.logverdict.intel.queue.PendingLookups;
import dev.logverdict.intel.sources.PublicSource;
import dev.logverdict.intel.sources.SourceFetcher;
import dev.logverdict.intel.sources.SourceRefresh;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportRefresh;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The scheduled lookups (every minute): spends the provider's allowance on the IPs scans left waiting,
 * most important first across all recent logs, then refreshes their reports from report and answers,
 * without reading a log again. Two drains never overlap: a drain creates the lease object of the minute it
 * starts in, gives way if the previous minute's drain started less than {@link #RUN_TIME} ago, and stops
 * {@link #RUN_TIME} after its start; a crashed drain's lease simply ages out.
 */
@ApplicationScoped
public class DrainService {

    private static final Logger LOG = Logger.getLogger(DrainService.class);
    /** How long a drain may run; the schedule starts one a minute. */
    static final Duration RUN_TIME = Duration.ofSeconds(50);
    /** A waiting IP whose lookups failed this often is dropped from the queue; its entry says the last error. */
    static final int MAX_FAILURES = 3;

    static final String WINDOW_CLOSED =
            "window_closed: not answered within logverdict.lookups.window after the first scan";

    private final ObjectStore store;
    private final LookupEngine engine;
    private final IntelStorage intelStorage;
    private final ReportOutputs outputs;
    private final ScanAlerts alerts;
    private final Clock clock;
    private final String cachePrefix;
    private final LogVerdictConfig.Lookups settings;
    private final Optional<String> reportBucket;
    private final SourceFetcher sourceFetcher;
    private final List<PublicSource> sources;

    public DrainService(
            ObjectStore store,
            LookupEngine engine,
            IntelStorage intelStorage,
            ReportOutputs outputs,
            ScanAlerts alerts,
            SourceFetcher sourceFetcher,
            LogVerdictConfig config,
            Clock clock) {
        this.sourceFetcher = sourceFetcher;
        this.sources = PublicSources.enabled(config.sources());
        this.store = store;
        this.engine = engine;
        this.intelStorage = intelStorage;
        this.outputs = outputs;
        this.alerts = alerts;
        this.clock = clock;
        this.cachePrefix = config.cachePrefix();
        this.settings = config.lookups();
        this.reportBucket = config.reportBucket();
    }

    /** What one drain did, for the Lambda's response. */
    public record DrainOutcome(String status, int waiting, int lookedUp, int refreshedReports, int closedReports) {}

    public DrainOutcome drain(String eventBucket, TimeBudget invocationBudget) {
        String bucket = reportBucket.orElse(eventBucket);
        Instant now = clock.instant();
        if (!takeLease(bucket, now)) {
            LOG.infof("another drain is running; nothing to do");
            return new DrainOutcome("busy", 0, 0, 0, 0);
        }
        Instant stopAt = now.plus(RUN_TIME);
        TimeBudget budget = () -> {
            Duration untilNextLease = Duration.between(clock.instant(), stopAt);
            Duration invocation = invocationBudget.remaining();
            return untilNextLease.compareTo(invocation) < 0 ? untilNextLease : invocation;
        };

        // Public sources first: what they say is answered without spending any quota.
        try {
            new SourceRefresh(store, sourceFetcher, bucket, cachePrefix)
                    .refreshDue(sources, now, budget::remaining, sourceFetcher.worstCase()).stream()
                            .filter(state -> !"ok".equals(state.state()))
                            .forEach(state -> LOG.warnf(
                                    "public source %s is %s: %s", state.id(), state.state(), state.lastError()));
        } catch (RuntimeException e) {
            LOG.errorf("could not record the public sources' state: %s", e.getMessage());
        }

        LookupQueue queue = new LookupQueue(store, bucket, cachePrefix);
        Map<String, PendingLookups> waiting = new LinkedHashMap<>();
        for (String key : queue.keys()) {
            try {
                queue.read(key).ifPresent(pending -> waiting.put(key, pending));
            } catch (RuntimeException e) {
                LOG.errorf("skipping unreadable pending lookups %s: %s", key, e.getMessage());
            }
        }
        if (waiting.isEmpty()) {
            return new DrainOutcome("idle", 0, 0, 0, 0);
        }
        CombinedLookups lookups = engine.forBucket(bucket, intelStorage.offlineIntel(bucket));
        List<IpAddress> candidates = candidates(waiting.values());
        ReputationLookups.Outcome outcome = lookups.assess(candidates, budget);
        int lookedUp = (int) outcome.assessments().values().stream()
                .filter(a -> a.status() == LookupStatus.OK || a.status() == LookupStatus.NOT_FOUND)
                .count();

        int refreshed = 0;
        int closed = 0;
        for (Map.Entry<String, PendingLookups> entry : waiting.entrySet()) {
            PendingLookups pending = entry.getValue();
            boolean windowClosed =
                    !Instant.parse(pending.firstScan()).plus(settings.window()).isAfter(now);
            try {
                if (settle(queue, entry.getKey(), pending, outcome.assessments(), windowClosed, now)) {
                    refreshed++;
                    closed += windowClosed ? 1 : 0;
                }
            } catch (IOException | RuntimeException e) {
                LOG.errorf(
                        "could not refresh s3://%s/%s: %s",
                        pending.report().bucket(), pending.report().key(), e.getMessage());
            }
        }
        int stillWaiting =
                waiting.values().stream().mapToInt(p -> p.ips().size()).sum();
        LOG.infof(
                "drain: %d IPs waited in %d reports, %d looked up, %d reports refreshed (%d closed)",
                stillWaiting, waiting.size(), lookedUp, refreshed, closed);
        return new DrainOutcome(outcome.status().label(), stillWaiting, lookedUp, refreshed, closed);
    }

    private boolean takeLease(String bucket, Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        String prefix = cachePrefix + "_drain/";
        // The attempt id tells our own lease from another drain's when the answer to the conditional write
        // was lost and the client sent it again (it then meets its own object).
        byte[] lease = (now + " " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        if (!store.claim(bucket, prefix + minute, "text/plain", lease).ours()) {
            return false;
        }
        try (ObjectStore.OpenObject previous = store.open(bucket, prefix + (minute - 1), null)) {
            String text = new String(previous.content().readAllBytes(), StandardCharsets.US_ASCII).trim();
            Instant started = Instant.parse(text.split(" ", 2)[0]);
            return !started.plus(RUN_TIME).isAfter(now);
        } catch (ObjectNotFoundException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot read the previous drain's lease (%s); not running", e.getMessage());
            return false;
        }
    }

    /**
     * Every waiting IP whose window is open, most important first across all reports, each IPv6 /64 as
     * one candidate: the best address of every prefix comes before the second of any, so a flood of one
     * /64 cannot take a drain's requests.
     */
    static List<IpAddress> candidates(Iterable<PendingLookups> waiting) {
        Map<IpAddress, PendingLookups.Ip> best = new HashMap<>();
        for (PendingLookups pending : waiting) {
            for (PendingLookups.Ip ip : pending.ips()) {
                IpAddress address = IpAddressParser.parse(ip.ip());
                if (address != null) {
                    best.merge(address, ip, (a, b) -> PendingLookups.Ip.BY_PRIORITY.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        List<PendingLookups.Ip> ranked = new ArrayList<>(best.values());
        ranked.sort(PendingLookups.Ip.BY_PRIORITY);
        Map<IpAddress, Integer> turnOfPrefix = new HashMap<>();
        record Ranked(IpAddress ip, int turn, int order) {}
        List<Ranked> ordered = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            IpAddress ip = IpAddressParser.parse(ranked.get(i).ip());
            ordered.add(new Ranked(ip, turnOfPrefix.merge(PrefixCap.candidateKey(ip), 1, Integer::sum), i));
        }
        ordered.sort(Comparator.comparingInt(Ranked::turn).thenComparingInt(Ranked::order));
        return ordered.stream().map(Ranked::ip).toList();
    }

    /**
     * Applies the answers to one report when it is due (its refresh interval passed, its last waiting IP
     * was answered, or its window closed) and updates its queue entry; true when the report was rewritten.
     */
    private boolean settle(
            LookupQueue queue,
            String queueKey,
            PendingLookups pending,
            Map<IpAddress, Assessment> results,
            boolean windowClosed,
            Instant now)
            throws IOException {
        Map<String, Assessment> answers = new HashMap<>();
        List<PendingLookups.Ip> remaining = new ArrayList<>();
        boolean failuresChanged = false;
        for (PendingLookups.Ip ip : pending.ips()) {
            Assessment result = results.get(IpAddressParser.parse(ip.ip()));
            if (result != null && result.wasChecked()) {
                answers.put(ip.ip(), result);
            } else if (result != null && result.status() == LookupStatus.ERROR) {
                failuresChanged = true;
                if (ip.failures() + 1 < MAX_FAILURES) {
                    remaining.add(ip.failedOnce());
                } else {
                    answers.put(ip.ip(), result); // gives up: the entry shows the last error
                }
            } else {
                remaining.add(ip);
            }
        }
        boolean due = windowClosed
                || remaining.isEmpty()
                || !Instant.parse(pending.lastRefresh())
                        .plus(settings.refreshInterval())
                        .isAfter(now);
        if (!windowClosed && (answers.isEmpty() || !due)) {
            if (failuresChanged) {
                queue.write(queueKey, pending.withIps(remaining, pending.lastRefresh()));
            }
            return false;
        }
        refresh(pending, answers, windowClosed ? WINDOW_CLOSED : null);
        if (windowClosed || remaining.isEmpty()) {
            queue.delete(queueKey);
        } else {
            queue.write(queueKey, pending.withIps(remaining, now.toString()));
        }
        return true;
    }

    /** Rewrites the report and the files beside it from the stored report and the answers; alerts once. */
    private void refresh(PendingLookups pending, Map<String, Assessment> answers, String closedReason)
            throws IOException {
        PendingLookups.Report location = pending.report();
        try (ObjectStore.OpenObject stored = store.open(location.bucket(), location.key(), null);
                ReportRefresh refreshed = ReportRefresh.of(stored.content(), answers, closedReason)) {
            Report report = refreshed.report();
            MaliciousAddresses malicious = MaliciousAddresses.of(report);
            List<Report.Output> written = outputs.writeWithReport(
                    report, malicious, location.bucket(), location.outputKeyBase(), location.key());
            LOG.infof(
                    "refreshed s3://%s/%s: %d answered, %d still waiting",
                    location.bucket(), location.key(), refreshed.answered(), refreshed.stillWaiting());
            try {
                alerts.alertOnce(report, malicious, location.bucket(), location.key(), htmlKeyOf(written));
            } catch (RuntimeException e) {
                // The report is refreshed; the next refresh or re-scan of this version alerts (the marker is free).
                LOG.errorf("alert for s3://%s/%s failed: %s", location.bucket(), location.key(), e.getMessage());
            }
        } catch (ObjectNotFoundException e) {
            LOG.infof(
                    "report s3://%s/%s is gone (expired or deleted); its waiting IPs are dropped",
                    location.bucket(), location.key());
        }
    }

    private static String htmlKeyOf(List<Report.Output> outputs) {
        return outputs.stream()
                .filter(output -> output.kind().equals(ReportOutputs.HTML_KIND))
                .map(Report.Output::key)
                .findFirst()
                .orElse(null);
    }
}
