package dev.logverdict.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.report.Report;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * At most one alert per scanned object version: a marker named after (key, eTag) is created atomically
 * before sending, so a redelivered event, a retry or the scheduled re-run of the same object stays quiet.
 */
@ApplicationScoped
public class ScanAlerts {

    private static final Logger LOG = Logger.getLogger(ScanAlerts.class);

    private final AlertPublisher publisher;
    private final ObjectStore store;
    private final LogVerdictConfig.Alert settings;
    private final String markerPrefix;
    private final ObjectMapper json = new ObjectMapper();

    public ScanAlerts(AlertPublisher publisher, ObjectStore store, LogVerdictConfig config) {
        this.publisher = publisher;
        this.store = store;
        this.settings = config.alert();
        this.markerPrefix = settings.markerPrefix().orElse(config.cachePrefix() + "_alerts/");
    }

    /** @throws AlertFailedException when sending failed; the marker is removed so a retry can send it */
    public AlertOutcome alertOnce(Report report, String reportBucket, String reportKey, String htmlKey) {
        if (!publisher.enabled()) {
            return AlertOutcome.disabled();
        }
        ScanAlert alert = ScanAlert.of(report, reportBucket, reportKey, htmlKey, settings.topOffenders());
        if (alert == null) {
            return new AlertOutcome("nothing_malicious", publisher.target(), null);
        }
        String body = serialise(alert);
        String marker = markerPrefix + markerName(report.source());
        if (!store.createIfAbsent(reportBucket, marker, "application/json", body.getBytes(StandardCharsets.UTF_8))) {
            LOG.infof("alert for s3://%s/%s (eTag %s) was already sent; not sending it again",
                    report.source().bucket(), report.source().key(), report.source().eTag());
            return new AlertOutcome("duplicate", publisher.target(), null);
        }
        try {
            String messageId = publisher.publish(alert, body);
            LOG.infof("alert sent to %s: %s (message %s)", publisher.target(), alert.summary(), messageId);
            return new AlertOutcome("sent", publisher.target(), messageId);
        } catch (AlertFailedException e) {
            store.delete(reportBucket, marker);
            throw e;
        }
    }

    /** Hashed, so that any key (spaces, unicode, "..") makes one safe, fixed-length marker name. */
    static String markerName(Report.Source source) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((source.bucket() + "/" + source.key() + "\n" + source.eTag())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private String serialise(ScanAlert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert is plain records and always serialises", e);
        }
    }
}
