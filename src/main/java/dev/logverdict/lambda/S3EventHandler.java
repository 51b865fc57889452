package dev.logverdict.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.scan.DrainService;
import dev.logverdict.scan.ScanOutcome;
import dev.logverdict.scan.ScanService;
import dev.logverdict.storage.ObjectKeys;
import dev.logverdict.storage.ObjectNotFoundException;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Entry point for S3 ObjectCreated events: decode, route, scan each record, answer with a summary. */
@Named("logverdict")
public class S3EventHandler implements RequestHandler<S3Event, InvocationSummary> {

    private static final Logger LOG = Logger.getLogger(S3EventHandler.class);

    /**
     * The eventName of the scheduled lookups (an S3-event-shaped constant input naming the bucket, committed
     * as events/scheduled.json); the name of the earlier hourly re-run is taken as the same.
     */
    static final String DRAIN = "logverdict:Drain";
    static final String RESUME_DEFERRED = "logverdict:ResumeDeferred";

    private final ScanService scans;
    private final DrainService drains;
    private final Duration reportWriteMargin;

    public S3EventHandler(ScanService scans, DrainService drains, LogVerdictConfig config) {
        this.scans = scans;
        this.drains = drains;
        this.reportWriteMargin = config.reportWriteMargin();
    }

    @Override
    public InvocationSummary handleRequest(S3Event event, Context context) {
        try (RequestContext ignored = RequestContext.enter(context == null ? null : context.getAwsRequestId())) {
            return handle(event, context);
        }
    }

    private InvocationSummary handle(S3Event event, Context context) {
        TimeBudget budget = timeBudget(context);
        List<ScanOutcome> scanned = new ArrayList<>();
        List<InvocationSummary.Ignored> ignored = new ArrayList<>();
        List<DrainService.DrainOutcome> drained = new ArrayList<>();
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (S3EventNotificationRecord record : records) {
            String rawKey = record.getS3() == null || record.getS3().getObject() == null ? null : record.getS3().getObject().getKey();
            String bucket = record.getS3() == null || record.getS3().getBucket() == null ? null : record.getS3().getBucket().getName();
            if ((DRAIN.equals(record.getEventName()) || RESUME_DEFERRED.equals(record.getEventName())) && bucket != null) {
                drained.add(drains.drain(bucket, budget));
                continue;
            }
            if (rawKey == null || bucket == null || record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                ignore(ignored, bucket, rawKey, "not an S3 ObjectCreated record");
                continue;
            }
            Optional<String> decoded = ObjectKeys.decodeEventKey(rawKey);
            if (decoded.isEmpty()) {
                ignore(ignored, bucket, rawKey, "object key is not valid URL encoding");
                continue;
            }
            String key = decoded.get();
            Optional<String> reason = scans.keys().reasonToIgnore(key);
            if (reason.isPresent()) {
                ignore(ignored, bucket, key, reason.get());
                continue;
            }
            try {
                scanned.add(scans.scan(bucket, key, record.getS3().getObject().getVersionId(), budget));
            } catch (ObjectNotFoundException e) {
                // Deleted before we got to it: nothing to scan, and retrying cannot change that.
                ignore(ignored, bucket, key, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
            }
        }
        return new InvocationSummary(scanned, ignored, drained.isEmpty() ? null : drained);
    }

    private static void ignore(List<InvocationSummary.Ignored> ignored, String bucket, String key, String reason) {
        LOG.infof("ignoring s3://%s/%s: %s", bucket, key, reason);
        ignored.add(new InvocationSummary.Ignored(bucket, key, reason));
    }

    private TimeBudget timeBudget(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            // Only a local runner (mock event server, dev mode) leaves the deadline unset.
            LOG.debug("no invocation deadline known; lookups are bounded by the quota only");
            return TimeBudget.unlimited();
        }
        return () -> Duration.ofMillis(context.getRemainingTimeInMillis()).minus(reportWriteMargin);
    }
}
