package dev.logverdict.scan;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.IntelAuthenticationException;
import dev.logverdict.intel.IntelSettings;
import dev.logverdict.intel.IntelStorage;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.feeds.FeedIndex;
import dev.logverdict.intel.ReputationLookups;
import dev.logverdict.intel.Sleeper;
import dev.logverdict.intel.ThreatIntel;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.intel.VerdictPolicy;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.ScopeClassifier;
import dev.logverdict.log.ClientActivity;
import dev.logverdict.log.LogScanner;
import dev.logverdict.ip.TrustedProxies;
import dev.logverdict.log.LogFormat;
import dev.logverdict.log.ScanOptions;
import dev.logverdict.log.TrafficScan;
import dev.logverdict.report.Report;
import dev.logverdict.report.ReportBuilder;
import dev.logverdict.report.ReportWriter;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The use case: one log object in, one verdict report out. */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    private static final String REPORT_CONTENT_TYPE = "application/json";

    private final ObjectStore store;
    private final ThreatIntel intel;
    private final IntelStorage intelStorage;
    private final IntelSettings intelSettings;
    private final LogVerdictConfig config;
    private final ObjectKeys keys;
    private final VerdictPolicy policy;
    private final Clock clock;
    private final ReportWriter reportWriter = new ReportWriter();
    private final ScanOptions scanOptions;
    private final ReportOutputs reportOutputs;
    private final ScanAlerts alerts;
    private final ScanMetrics metrics;

    public ScanService(ObjectStore store, ThreatIntel intel, IntelStorage intelStorage, ReportOutputs reportOutputs,
                       ScanAlerts alerts, ScanMetrics metrics, LogVerdictConfig config, Clock clock,
                       // A request may take its connect plus read timeout; it starts only if that fits the deadline.
                       @ConfigProperty(name = "quarkus.rest-client.virustotal.connect-timeout", defaultValue = "5000")
                       long connectTimeoutMillis,
                       @ConfigProperty(name = "quarkus.rest-client.virustotal.read-timeout", defaultValue = "20000")
                       long readTimeoutMillis) {
        this.store = store;
        this.metrics = metrics;
        this.reportOutputs = reportOutputs;
        this.alerts = alerts;
        this.intel = intel;
        this.intelStorage = intelStorage;
        this.config = config;
        this.clock = clock;
        this.keys = new ObjectKeys(config.inputPrefix(), config.reportPrefix());
        this.scanOptions = scanOptions(config);
        this.policy = new VerdictPolicy(config.policy().maliciousEngines(),
                config.policy().maliciousEnginesWithBadReputation(), config.policy().suspiciousEngines());
        LogVerdictConfig.VirusTotal vt = config.virustotal();
        this.intelSettings = new IntelSettings(vt.maxConcurrency(), vt.rateLimitRetries(), vt.rateLimitBackoff(),
                vt.quotaPause(), config.cacheTtl(), config.cacheNotFoundTtl(), vt.transientRetries(),
                Duration.ofMillis(connectTimeoutMillis + readTimeoutMillis));
    }

    public ObjectKeys keys() {
        return keys;
    }

    public ScanOutcome scan(String bucket, String key, String versionId, TimeBudget timeBudget) throws IOException {
        long started = System.nanoTime();
        StoredObject source;
        TrafficScan traffic;
        try (ObjectStore.OpenObject object = store.open(bucket, key, versionId)) {
            source = object.metadata();
            traffic = newScanner().scan(object.content());
        }
        LOG.infof("scanned s3://%s/%s: %d lines, %d malformed, %d unique IPs", bucket, key, traffic.lines(),
                traffic.malformedLines(), traffic.clients().size());
        long scanned = System.nanoTime();

        String reportBucket = config.reportBucket().orElse(bucket);
        List<Blocklist> blocklists = intelStorage.blocklists(reportBucket);
        ReputationLookups lookups = new ReputationLookups(intel, policy, intelStorage.requestAllowance(reportBucket),
                Sleeper.threadSleep(), clock,
                intelStorage.verdictCache(reportBucket), new FeedIndex(blocklists), intelStorage.quotaLedger(reportBucket),
                intelSettings);
        ReputationLookups.Outcome outcome = lookups.assess(publicIpsByPriority(traffic), timeBudget);
        long looked = System.nanoTime();

        Report report = ReportBuilder.build(source, traffic, outcome, policy, blocklists, clock.instant());
        String reportKey = keys.reportKeyFor(key);
        // The JSON goes last: when it exists, so does everything it lists.
        MaliciousAddresses malicious = MaliciousAddresses.of(report);
        List<Report.Output> outputs = reportOutputs.write(report, malicious, reportBucket, keys.outputKeyBaseFor(key), reportKey);
        store.write(reportBucket, reportKey, REPORT_CONTENT_TYPE, out -> reportWriter.write(report.withOutputs(outputs), out));
        LOG.infof("report written to s3://%s/%s", reportBucket, reportKey);
        metrics.record(new ScanMetrics.ScanMeasurement(bucket, key, traffic.bytesRead(), report.summary(),
                millis(scanned - started), millis(looked - scanned), millis(System.nanoTime() - looked)));

        if (outcome.authFailure() != null) {
            // The report says auth_failed and checks nothing; the invocation still fails so it is noticed.
            throw new IntelAuthenticationException(outcome.authFailure());
        }
        if (traffic.readFailed()) {
            // The report holds what was read and says where reading broke; failing gets the scan retried.
            throw new IOException("s3://" + bucket + "/" + key + " could not be read to the end (" + traffic.inputError()
                    + "); the partial report is at s3://" + reportBucket + "/" + reportKey);
        }
        AlertOutcome alert = alerts.alertOnce(report, malicious, reportBucket, reportKey, htmlKeyOf(outputs));
        return new ScanOutcome(bucket, key, reportBucket, reportKey, report.intel().virustotal(), report.summary(),
                outputs, alert);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static String htmlKeyOf(List<Report.Output> outputs) {
        return outputs.stream().filter(output -> output.kind().equals(ReportOutputs.HTML_KIND))
                .map(Report.Output::key).findFirst().orElse(null);
    }

    private LogScanner newScanner() {
        return new LogScanner(scanOptions);
    }

    /** Reads the scan settings once, failing at start-up on a value that cannot work. */
    static ScanOptions scanOptions(LogVerdictConfig config) {
        Optional<LogFormat> format = config.logFormat().equals("auto") ? Optional.empty()
                : Optional.of(LogFormat.byLabel(config.logFormat()).orElseThrow(() -> new IllegalArgumentException(
                "logverdict.log-format=" + config.logFormat() + " is not one of auto, "
                        + Arrays.stream(LogFormat.values()).filter(f -> f != LogFormat.UNKNOWN).map(LogFormat::label)
                        .collect(Collectors.joining(", ")))));
        return new ScanOptions(config.maxLineBytes(), config.malformedSamples(), config.maxNonIpClients(), format,
                config.jsonIpField(), TrustedProxies.of(config.trustedProxies()), config.scanAllFields(),
                config.maxIpsElsewhere(), config.maxDetailedIps(), config.maxUncompressedBytes());
    }

    /**
     * Clients with attack signals first, then the busiest: when the quota runs out, the ones that matter
     * most were asked about.
     */
    static List<IpAddress> publicIpsByPriority(TrafficScan traffic) {
        return traffic.clients().entrySet().stream()
                .filter(client -> ScopeClassifier.classify(client.getKey()).isPublic())
                .sorted(Map.Entry.<IpAddress, ClientActivity>comparingByValue(
                                Comparator.comparingLong(ClientActivity::signalWeight)
                                        .thenComparingLong(ClientActivity::requests).reversed())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
