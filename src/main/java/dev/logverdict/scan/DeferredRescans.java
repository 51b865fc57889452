package dev.logverdict.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduled re-run: finds recent reports that still have public IPs deferred (quota, budget or time ran
 * out) and scans their logs again. The cache makes the IPs already settled free, so the day's budget goes
 * to the ones still open, and each report is rewritten with the union.
 */
@ApplicationScoped
public class DeferredRescans {

    private static final Logger LOG = Logger.getLogger(DeferredRescans.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_REPORT_HEAD = 1 << 20;

    private final ObjectStore store;
    private final ScanService scans;
    private final LogVerdictConfig config;
    private final Clock clock;

    public DeferredRescans(ObjectStore store, ScanService scans, LogVerdictConfig config, Clock clock) {
        this.store = store;
        this.scans = scans;
        this.config = config;
        this.clock = clock;
    }

    /** Rescans, newest report first, until the deadline; returns what was rescanned. */
    public List<ScanOutcome> resume(String bucket, TimeBudget budget) {
        String reportBucket = config.reportBucket().orElse(bucket);
        Instant since = clock.instant().minus(config.rerunWindow());
        List<ObjectStore.Listed> recent = new ArrayList<>(store.list(reportBucket, config.reportPrefix()).stream()
                .filter(r -> r.key().endsWith(".json") && r.lastModified() != null && r.lastModified().isAfter(since))
                .toList());
        recent.sort(Comparator.comparing(ObjectStore.Listed::lastModified).reversed());
        List<ScanOutcome> rescanned = new ArrayList<>();
        for (ObjectStore.Listed report : recent) {
            if (budget.remaining().compareTo(Duration.ofSeconds(60)) < 0) {
                LOG.infof("scheduled re-run stops: invocation time is running out (%d reports left)", recent.size() - rescanned.size());
                break;
            }
            JsonNode summary = readReport(reportBucket, report.key());
            if (summary == null || summary.at("/summary/notChecked").asLong() == 0
                    || "not_configured".equals(summary.at("/intel/virustotal").asText())) {
                continue;
            }
            String sourceBucket = summary.at("/source/bucket").asText();
            String sourceKey = summary.at("/source/key").asText();
            try {
                rescanned.add(scans.scan(sourceBucket, sourceKey, null, budget));
            } catch (ObjectNotFoundException e) {
                LOG.infof("scheduled re-run skips %s: %s", report.key(), e.getMessage());
            } catch (IOException e) {
                LOG.warnf("scheduled re-run of s3://%s/%s failed: %s", sourceBucket, sourceKey, e.getMessage());
            }
            if (summary.at("/intel/virustotal").asText().equals("quota_exhausted") && !rescanned.isEmpty()
                    && "quota_exhausted".equals(rescanned.get(rescanned.size() - 1).virustotal())) {
                break; // still exhausted: the next report would only be rewritten unchanged
            }
        }
        return rescanned;
    }

    private JsonNode readReport(String bucket, String key) {
        try (ObjectStore.OpenObject object = store.open(bucket, key, null); InputStream in = object.content()) {
            if (object.metadata().size() > 256L << 20) {
                return null;
            }
            return JSON.readTree(in);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("scheduled re-run cannot read report s3://%s/%s: %s", bucket, key, e.getClass().getSimpleName());
            return null;
        }
    }
}
