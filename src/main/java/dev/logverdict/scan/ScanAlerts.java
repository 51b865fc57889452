package dev.logverdict.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logverdict.LogVerdictConfig;
import dev.logverdict.alert.AlertFailedException;
import dev.logverdict.alert.AlertPublisher;
import dev.logverdict.alert.ScanAlert;
import dev.logverdict.report.Report;
import dev.logverdict.report.export.MaliciousAddresses;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * At most one alert per scanned object version, and never none: a marker named after (bucket, key, eTag)
 * is created atomically before sending and records its claim time; once sent it says so. A marker whose
 * send failed, or whose claim is older than {@code claim-timeout} without being sent (the invocation died
 * between claim and send), is abandoned: the next attempt claims the next generation of the marker and
 * sends. A redelivered event, a retry or the scheduled re-run of an object version that alerted stays quiet.
 */
@ApplicationScoped
public class ScanAlerts {

    private static final Logger LOG = Logger.getLogger(ScanAlerts.class);
    private static final String CLAIMED = "claimed";
    private static final String SENT = "sent";
    private static final String FAILED = "failed";

    private final AlertPublisher publisher;
    private final ObjectStore store;
    private final int topOffenders;
    private final String markerPrefix;
    private final Duration claimTimeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public ScanAlerts(AlertPublisher publisher, ObjectStore store, LogVerdictConfig config, Clock clock) {
        this(
                publisher,
                store,
                config.alert().topOffenders(),
                config.alert().markerPrefix().orElse(config.cachePrefix() + "_alerts/"),
                config.alert().claimTimeout(),
                clock);
    }

    ScanAlerts(
            AlertPublisher publisher,
            ObjectStore store,
            int topOffenders,
            String markerPrefix,
            Duration claimTimeout,
            Clock clock) {
        this.publisher = publisher;
        this.store = store;
        this.topOffenders = topOffenders;
        this.markerPrefix = markerPrefix;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    /** @throws AlertFailedException when sending failed; the marker is released so a retry sends it */
    public AlertOutcome alertOnce(
            Report report, MaliciousAddresses malicious, String reportBucket, String reportKey, String htmlKey) {
        if (!publisher.enabled()) {
            return AlertOutcome.disabled();
        }
        ScanAlert alert = ScanAlert.of(report, malicious, reportBucket, reportKey, htmlKey, topOffenders);
        if (alert == null) {
            return new AlertOutcome("nothing_malicious", publisher.target(), null);
        }
        String body = serialise(alert);
        String base = markerPrefix + markerName(report.source()).replace(".json", "");
        int generation = latestGeneration(reportBucket, base);
        while (true) {
            String marker = markerKey(base, generation);
            Marker claim = claim(reportBucket, marker, body);
            if (claim.ours()) {
                return send(alert, claim, reportBucket, marker);
            }
            if (claim.state() == null) {
                generation++; // the newest generation was abandoned: the next one is free to claim
                continue;
            }
            LOG.infof(
                    "alert for s3://%s/%s (eTag %s) was already %s; not sending it again",
                    report.source().bucket(),
                    report.source().key(),
                    report.source().eTag(),
                    claim.state().equals(SENT) ? "sent" : "being sent");
            return new AlertOutcome("duplicate", publisher.target(), null);
        }
    }

    private AlertOutcome send(ScanAlert alert, Marker claim, String bucket, String marker) {
        String messageId;
        try {
            messageId = publisher.publish(alert, claim.alertJson());
        } catch (RuntimeException e) {
            // Released, so the retry (or the failed-scan queue's re-send) alerts; a failure to release never
            // hides why sending failed, and the claim times out anyway.
            try {
                write(bucket, marker, claim.withState(FAILED, null));
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
        LOG.infof("alert sent to %s: %s (message %s)", publisher.target(), alert.summary(), messageId);
        try {
            write(bucket, marker, claim.withState(SENT, messageId));
        } catch (RuntimeException e) {
            // The alert is out; an unconfirmed claim may be sent again after the claim timeout, never lost.
            LOG.warnf(
                    "alert sent, but its marker s3://%s/%s could not be confirmed: %s", bucket, marker, e.getMessage());
        }
        return new AlertOutcome("sent", publisher.target(), messageId);
    }

    /** The highest marker generation for this object version; 0 when there is none yet. */
    private int latestGeneration(String bucket, String base) {
        int latest = 0;
        for (ObjectStore.Listed listed : store.list(bucket, base)) {
            String rest = listed.key().substring(base.length());
            if (rest.matches("\\.\\d{1,6}\\.json")) {
                latest = Math.max(latest, Integer.parseInt(rest.substring(1, rest.length() - ".json".length())));
            }
        }
        return latest;
    }

    private static String markerKey(String base, int generation) {
        return base + (generation == 0 ? "" : "." + generation) + ".json";
    }

    /** One marker's content: whose attempt it is, when it was claimed, what became of it, and the alert. */
    private record Marker(
            String attempt, Instant claimedAt, String state, String messageId, String alertJson, boolean ours) {

        Marker withState(String newState, String newMessageId) {
            return new Marker(attempt, claimedAt, newState, newMessageId, alertJson, true);
        }
    }

    /**
     * Creates the marker if absent: ours when created (or when the store answers "exists" to our own
     * retried write, told apart by the attempt id). Otherwise the existing marker, with a null state when
     * it was abandoned (its send failed, or its claim timed out unsent).
     */
    private Marker claim(String bucket, String marker, String alertJson) {
        Marker mine = new Marker(UUID.randomUUID().toString(), clock.instant(), CLAIMED, null, alertJson, true);
        ObjectStore.Claim claim = store.claim(bucket, marker, "application/json", serialise(mine));
        if (claim.ours()) {
            return mine;
        }
        if (claim.existing() == null) {
            return new Marker(null, null, null, null, alertJson, false); // gone: claim the next generation
        }
        JsonNode existing;
        try {
            existing = json.readTree(claim.existing());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable alert marker s3://" + bucket + "/" + marker, e);
        }
        String state = existing.path("state").asText(SENT); // markers without a state predate them: sent
        Instant claimedAt = existing.hasNonNull("claimedAt")
                ? Instant.parse(existing.get("claimedAt").asText())
                : null;
        boolean abandoned = state.equals(FAILED)
                || state.equals(CLAIMED)
                        && claimedAt != null
                        && claimedAt.plus(claimTimeout).isBefore(clock.instant());
        return new Marker(
                existing.path("attempt").asText(null), claimedAt, abandoned ? null : state, null, alertJson, false);
    }

    private void write(String bucket, String marker, Marker content) {
        try {
            byte[] body = serialise(content);
            store.write(bucket, marker, "application/json", out -> out.write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] serialise(Marker marker) {
        ObjectNode node = json.createObjectNode();
        node.put("attempt", marker.attempt());
        node.put("claimedAt", marker.claimedAt().toString());
        node.put("state", marker.state());
        if (marker.messageId() != null) {
            node.put("messageId", marker.messageId());
        }
        try {
            node.set("alert", json.readTree(marker.alertJson()));
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("an alert marker is plain JSON and always serialises", e);
        }
    }

    /** Hashed, so that any key (spaces, unicode, "..") makes one safe, fixed-length marker name. */
    static String markerName(Report.Source source) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(
                    (source.bucket() + "/" + source.key() + "\n" + source.eTag()).getBytes(StandardCharsets.UTF_8));
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
