package dev.logverdict.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.TimeBudget;
import dev.logverdict.scan.BlocklistUpdate;
import dev.logverdict.scan.DrainService;
import dev.logverdict.scan.ScanOutcome;
import dev.logverdict.scan.ScanService;
import dev.logverdict.scan.ScheduledUpkeep;
import dev.logverdict.storage.ObjectNotFoundException;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Entry point: each record routed ({@link EventRouter}), each command carried out, a summary returned. */
@Named("logverdict")
public class S3EventHandler implements RequestHandler<S3Event, InvocationSummary> {

    private static final Logger LOG = Logger.getLogger(S3EventHandler.class);

    private final ScanService scans;
    private final ScheduledUpkeep upkeep;
    private final EventRouter router;
    private final Duration reportWriteMargin;

    public S3EventHandler(ScanService scans, ScheduledUpkeep upkeep, LogVerdictConfig config) {
        this.scans = scans;
        this.upkeep = upkeep;
        this.router = new EventRouter(scans.keys());
        this.reportWriteMargin = config.reportWriteMargin();
    }

    @Override
    public InvocationSummary handleRequest(S3Event event, Context context) {
        try (RequestContext ignored = RequestContext.enter(context == null ? null : context.getAwsRequestId())) {
            return handle(incoming(event), timeBudget(context));
        }
    }

    private InvocationSummary handle(List<EventRouter.Incoming> records, TimeBudget budget) {
        List<ScanOutcome> scanned = new ArrayList<>();
        List<InvocationSummary.Ignored> ignored = new ArrayList<>();
        List<DrainService.DrainOutcome> drained = new ArrayList<>();
        List<BlocklistUpdate.Outcome> blocklist = new ArrayList<>();
        for (EventRouter.Command command : router.route(records)) {
            if (command instanceof EventRouter.Drain drain) {
                ScheduledUpkeep.Outcome outcome = upkeep.run(drain.bucket(), budget);
                drained.add(outcome.drained());
                if (outcome.blocklist() != null) {
                    blocklist.add(outcome.blocklist());
                }
            } else if (command instanceof EventRouter.Ignore ignore) {
                ignore(ignored, ignore.bucket(), ignore.key(), ignore.reason());
            } else if (command instanceof EventRouter.Scan scan) {
                try {
                    scanned.add(scans.scan(scan.bucket(), scan.key(), scan.versionId(), budget));
                } catch (ObjectNotFoundException e) {
                    // Deleted before we got to it: nothing to scan, and retrying cannot change that.
                    ignore(ignored, scan.bucket(), scan.key(), e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "reading s3://" + scan.bucket() + "/" + scan.key() + " failed: " + e.getMessage(), e);
                }
            }
        }
        return new InvocationSummary(
                scanned, ignored, drained.isEmpty() ? null : drained, blocklist.isEmpty() ? null : blocklist);
    }

    /** The fields of each record the routing reads; a record without them is routed as ignored. */
    static List<EventRouter.Incoming> incoming(S3Event event) {
        List<EventRouter.Incoming> records = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return records;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            boolean hasS3 = record.getS3() != null;
            records.add(new EventRouter.Incoming(
                    record.getEventName(),
                    hasS3 && record.getS3().getBucket() != null
                            ? record.getS3().getBucket().getName()
                            : null,
                    hasS3 && record.getS3().getObject() != null
                            ? record.getS3().getObject().getKey()
                            : null,
                    hasS3 && record.getS3().getObject() != null
                            ? record.getS3().getObject().getVersionId()
                            : null));
        }
        return records;
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
