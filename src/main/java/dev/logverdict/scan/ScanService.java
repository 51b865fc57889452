package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.IntelAuthenticationException;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.LookupStatus;
import dev.logverdict.intel.PrefixCap;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.intel.queue.LookupQueue;
import dev.logverdict.intel.queue.PendingLookups;
import dev.logverdict.intel.sources.OfflineIntel;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.log.LogScanner;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.log.activity.ClientActivity;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The use case: one log object in, one verdict report out. */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    private final ObjectStore store;
    private final LookupEngine engine;
    private final IntelStorage intelStorage;
    private final LogVerdictConfig config;
    private final ObjectKeys keys;
    private final Clock clock;
    private final ScanOptions scanOptions;
    private final ReportOutputs reportOutputs;
    private final ScanAlerts alerts;
    private final ScanMetrics metrics;

    public ScanService(
            ObjectStore store,
            LookupEngine engine,
            IntelStorage intelStorage,
            ReportOutputs reportOutputs,
            ScanAlerts alerts,
            ScanMetrics metrics,
            LogVerdictConfig config,
            ScanOptions scanOptions,
            Clock clock) {
        this.store = store;
        this.engine = engine;
        this.metrics = metrics;
        this.reportOutputs = reportOutputs;
        this.alerts = alerts;
        this.intelStorage = intelStorage;
        this.config = config;
        this.clock = clock;
        ObjectKeys.requireSeparate(
                config.inputPrefix(),
                Map.of(
                        "logverdict.cache-prefix",
                        config.cachePrefix(),
                        "logverdict.feeds-prefix",
                        config.feedsPrefix(),
                        "logverdict.findings-prefix",
                        config.findingsPrefix(),
                        "logverdict.ocsf.prefix",
                        config.ocsf().prefix()));
        // With a report bucket of their own, reports of several input buckets would otherwise share keys.
        this.keys = new ObjectKeys(
                config.inputPrefix(),
                config.reportPrefix(),
                config.reportBucket().isPresent());
        this.scanOptions = scanOptions;
    }

    public ObjectKeys keys() {
        return keys;
    }

    public ScanOutcome scan(String bucket, String key, String versionId, TimeBudget timeBudget) throws IOException {
        long started = System.nanoTime();
        String reportBucket = config.reportBucket().orElse(bucket);
        // The offline sources do not depend on the log: they are read while it is.
        CompletableFuture<OfflineIntel> offlineReading =
                CompletableFuture.supplyAsync(() -> intelStorage.offlineIntel(reportBucket), StorageThreads.pool());
        StoredObject source;
        TrafficScan traffic;
        try (ObjectStore.OpenObject object = store.open(bucket, key, versionId)) {
            source = object.metadata();
            traffic = newScanner().scan(object.content());
        }
        LOG.infof(
                "scanned s3://%s/%s: %d lines, %d malformed, %d unique IPs",
                bucket,
                key,
                traffic.lines(),
                traffic.malformedLines(),
                traffic.clients().size());
        long scanned = System.nanoTime();

        Assessed assessed = assess(source, traffic, resultOf(offlineReading), reportBucket, timeBudget);
        Report report = assessed.report();
        long looked = assessed.lookedUpAt();
        String reportKey = keys.reportKeyFor(bucket, key);
        MaliciousAddresses malicious = MaliciousAddresses.of(report);
        String outputKeyBase = keys.outputKeyBaseFor(bucket, key);
        QueueSlot queueSlot = queueSlotOf(source, new PendingLookups.Report(reportBucket, reportKey, outputKeyBase));
        List<Report.Output> outputs =
                reportOutputs.writeWithReport(report, malicious, reportBucket, outputKeyBase, reportKey);
        LOG.infof("report written to s3://%s/%s", reportBucket, reportKey);
        queueWaiting(assessed.waiting(), queueSlot);
        metrics.record(new ScanMetrics.ScanMeasurement(
                bucket,
                key,
                traffic.bytesRead(),
                report.summary(),
                millis(scanned - started),
                millis(looked - scanned),
                millis(System.nanoTime() - looked)));

        // Alert first: what is known to be malicious (a blocklist hit needs no key) is sent even when the
        // invocation is about to fail for a rejected key or a cut-off read.
        AlertOutcome alert = null;
        RuntimeException alertFailure = null;
        try {
            alert = alerts.alertOnce(report, malicious, reportBucket, reportKey, htmlKeyOf(outputs));
        } catch (RuntimeException e) {
            alertFailure = e;
        }
        if (assessed.authFailure() != null) {
            // The report says auth_failed and checks nothing; the invocation still fails so it is noticed.
            throw withSuppressed(new IntelAuthenticationException(assessed.authFailure()), alertFailure);
        }
        if (traffic.readFailed()) {
            // The report holds what was read and says where reading broke; failing gets the scan retried.
            throw withSuppressed(
                    new IOException(
                            "s3://" + bucket + "/" + key + " could not be read to the end (" + traffic.inputError()
                                    + "); the partial report is at s3://" + reportBucket + "/" + reportKey),
                    alertFailure);
        }
        if (alertFailure != null) {
            throw alertFailure;
        }
        return new ScanOutcome(
                bucket, key, reportBucket, reportKey, report.intel().virustotal(), report.summary(), outputs, alert);
    }

    /**
     * The report, what it leaves for the scheduled lookups, and when the lookups ended. The answer for
     * each IP is kept by the report only: the lookups' own map of them, one entry per public client, is
     * left behind with this frame before the report is written.
     */
    private record Assessed(Report report, List<PendingLookups.Ip> waiting, String authFailure, long lookedUpAt) {}

    private Assessed assess(
            StoredObject source,
            TrafficScan traffic,
            OfflineIntel offline,
            String reportBucket,
            TimeBudget timeBudget) {
        // A scan never waits for quota: it spends what the pace grants now and queues the rest.
        PrefixCap cap =
                PrefixCap.of(publicIpsByPriority(traffic), config.lookups().maxPerPrefix());
        ReputationLookups.Outcome outcome =
                engine.forBucket(reportBucket, offline).assessNow(cap.kept(), timeBudget);
        outcome.assessments().putAll(cap.leftOut());
        long lookedUpAt = System.nanoTime();
        Report report = ReportBuilder.build(source, traffic, outcome, engine.providers(), offline, clock.instant());
        return new Assessed(report, waitingIn(traffic, outcome), outcome.authFailure(), lookedUpAt);
    }

    /** The IPs left waiting: queued, or a lookup that failed; not those the per-prefix cap left out. */
    private static List<PendingLookups.Ip> waitingIn(TrafficScan traffic, ReputationLookups.Outcome outcome) {
        List<PendingLookups.Ip> waiting = new ArrayList<>();
        outcome.assessments().forEach((ip, assessment) -> {
            if (!assessment.wasChecked()
                    && (assessment.status() == LookupStatus.DEFERRED || assessment.status() == LookupStatus.ERROR)
                    && !PrefixCap.isLeftOut(assessment)) {
                ClientActivity activity = traffic.clients().get(ip);
                waiting.add(new PendingLookups.Ip(
                        ip.toString(),
                        activity == null ? 0 : activity.signalWeight(),
                        activity == null ? 0 : activity.requests(),
                        activity == null ? -1 : activity.lastSeen(),
                        0));
            }
        });
        return waiting;
    }

    /**
     * The IPs left waiting go to the queue the scheduled lookups drain; a re-scan of the same object
     * version keeps the first scan's time, which starts its lookup window.
     */
    private void queueWaiting(List<PendingLookups.Ip> waiting, QueueSlot slot) {
        PendingLookups.Source source = slot.source();
        try {
            Optional<PendingLookups> earlier = resultOf(slot.earlier());
            if (waiting.isEmpty()) {
                if (earlier.isPresent()) {
                    slot.queue().delete(slot.key());
                }
                return;
            }
            waiting.sort(PendingLookups.Ip.BY_PRIORITY);
            String now = clock.instant().toString();
            slot.queue()
                    .write(
                            slot.key(),
                            new PendingLookups(
                                    source,
                                    slot.report(),
                                    earlier.map(PendingLookups::firstScan).orElse(now),
                                    now,
                                    waiting));
            LOG.infof(
                    "%d IPs of s3://%s/%s wait for the scheduled lookups",
                    waiting.size(), source.bucket(), source.key());
        } catch (RuntimeException e) {
            // The report stands as written; its waiting IPs stay not_checked/deferred, which it says.
            LOG.errorf(
                    "could not queue the waiting IPs of s3://%s/%s: %s", source.bucket(), source.key(), e.getMessage());
        }
    }

    /** Where a log version's waiting IPs are queued, and what an earlier scan of it left there. */
    private record QueueSlot(
            LookupQueue queue,
            String key,
            PendingLookups.Source source,
            PendingLookups.Report report,
            CompletableFuture<Optional<PendingLookups>> earlier) {}

    /** Starts reading what an earlier scan of this version left waiting, so it is read while the report is written. */
    private QueueSlot queueSlotOf(StoredObject scanned, PendingLookups.Report report) {
        String reportBucket = report.bucket();
        LookupQueue queue = new LookupQueue(store, reportBucket, config.cachePrefix());
        PendingLookups.Source source =
                new PendingLookups.Source(scanned.bucket(), scanned.key(), scanned.versionId(), scanned.eTag());
        String key = queue.keyOf(source);
        return new QueueSlot(
                queue,
                key,
                source,
                report,
                CompletableFuture.supplyAsync(() -> queue.read(key), StorageThreads.pool()));
    }

    /** The value of a storage call started earlier, or the exception it threw. */
    private static <T> T resultOf(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static <T extends Exception> T withSuppressed(T failure, RuntimeException alsoFailed) {
        if (alsoFailed != null) {
            failure.addSuppressed(alsoFailed);
        }
        return failure;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static String htmlKeyOf(List<Report.Output> outputs) {
        return outputs.stream()
                .filter(output -> output.kind().equals(ReportOutputs.HTML_KIND))
                .map(Report.Output::key)
                .findFirst()
                .orElse(null);
    }

    private LogScanner newScanner() {
        return new LogScanner(scanOptions);
    }

    /**
     * Clients with attack signals first, then the busiest: when the quota runs out, the ones that matter
     * most were asked about.
     */
    static List<IpAddress> publicIpsByPriority(TrafficScan traffic) {
        // Each client's keys are read once: a comparator reading them from the client store sums every
        // signal's count twice per comparison, n log n times.
        record Ranked(IpAddress ip, long signalWeight, long requests) {}
        List<Ranked> ranked = new ArrayList<>();
        traffic.clients().forEach((ip, activity) -> {
            if (ScopeClassifier.classify(ip).isPublic()) {
                ranked.add(new Ranked(ip, activity.signalWeight(), activity.requests()));
            }
        });
        ranked.sort(Comparator.comparingLong(Ranked::signalWeight)
                .thenComparingLong(Ranked::requests)
                .reversed()
                .thenComparing(Ranked::ip));
        List<IpAddress> ips = new ArrayList<>(ranked.size());
        for (Ranked client : ranked) {
            ips.add(client.ip());
        }
        return ips;
    }
}
