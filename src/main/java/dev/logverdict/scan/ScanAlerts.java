package dev.logverdict.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.logverdict.storage.ObjectNotFoundException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
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
    private final int topOffenders;
    private final String markerPrefix;
    private final ObjectMapper json = new ObjectMapper();

    @jakarta.inject.Inject
    public ScanAlerts(AlertPublisher publisher, ObjectStore store, LogVerdictConfig config) {
        this(publisher, store, config.alert().topOffenders(),
                config.alert().markerPrefix().orElse(config.cachePrefix() + "_alerts/"));
    }

    ScanAlerts(AlertPublisher publisher, ObjectStore store, int topOffenders, String markerPrefix) {
        this.publisher = publisher;
        this.store = store;
        this.topOffenders = topOffenders;
        this.markerPrefix = markerPrefix;
    }

    /** @throws AlertFailedException when sending failed; the marker is removed so a retry can send it */
    public AlertOutcome alertOnce(Report report, MaliciousAddresses malicious, String reportBucket, String reportKey,
                                  String htmlKey) {
        if (!publisher.enabled()) {
            return AlertOutcome.disabled();
        }
        ScanAlert alert = ScanAlert.of(report, malicious, reportBucket, reportKey, htmlKey, topOffenders);
        if (alert == null) {
            return new AlertOutcome("nothing_malicious", publisher.target(), null);
        }
        String body = serialise(alert);
        String marker = markerPrefix + markerName(report.source());
        if (!claimMarker(reportBucket, marker, body)) {
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

    /**
     * True when this invocation created the marker. The marker carries a fresh attempt id: when the SDK
     * retries a conditional PUT whose first try did land, S3 answers 412 to our own write, and only the
     * id tells the two cases apart.
     */
    private boolean claimMarker(String bucket, String marker, String alertJson) {
        byte[] content = ("{\"attempt\":\"" + UUID.randomUUID() + "\",\"alert\":" + alertJson + "}")
                .getBytes(StandardCharsets.UTF_8);
        if (store.createIfAbsent(bucket, marker, "application/json", content)) {
            return true;
        }
        try (ObjectStore.OpenObject existing = store.open(bucket, marker, null)) {
            return Arrays.equals(existing.content().readAllBytes(), content);
        } catch (ObjectNotFoundException e) {
            return false; // removed by a failed send in the meantime: that attempt's retry will send
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the alert marker s3://" + bucket + "/" + marker, e);
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
