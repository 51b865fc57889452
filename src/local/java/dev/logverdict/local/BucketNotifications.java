package dev.logverdict.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Emulates S3 event notifications for the local run: every new or overwritten object under the input
 * prefix becomes the ObjectCreated:Put event S3 would send (URL-encoded key, size, eTag, sequencer), posted
 * to the Lambda mock event server one at a time, exactly as the cloud invokes the function. It also plays
 * the schedule: every minute it sends the scheduled-lookups event (events/scheduled.json), so verdicts of
 * IPs a scan left waiting arrive as they would in the cloud.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class BucketNotifications {

    private static final Logger LOG = Logger.getLogger(BucketNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "logverdict.input-prefix")
    String inputPrefix;

    @ConfigProperty(name = "quarkus.lambda.mock-event-server.dev-port", defaultValue = "8080")
    int eventServerPort;

    private final S3Client s3;
    private final Map<String, String> seen = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile boolean running = true;
    private long sequencer = Instant.now().toEpochMilli();

    public BucketNotifications(S3Client s3) {
        this.s3 = s3;
    }

    void watch(String bucket) {
        Thread watcher = new Thread(() -> {
            long nextDrain = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (running) {
                try {
                    if (System.nanoTime() >= nextDrain) {
                        nextDrain = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                        drain(bucket);
                    }
                    for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(inputPrefix)).contents()) {
                        String eTag = object.eTag();
                        if (!eTag.equals(seen.put(object.key(), eTag))) {
                            notify(bucket, object);
                        }
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("bucket notification emulation: %s", e.getMessage());
                }
            }
        }, "s3-notifications");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void notify(String bucket, S3Object object) {
        try {
            String event = event(bucket, object);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + eventServerPort + "/_lambda_"))
                    .timeout(Duration.ofMinutes(16))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            for (JsonNode scanned : answer.path("scanned")) {
                LOG.infof("report ready: s3://%s/%s (%s public IPs, %s malicious, %s not checked)",
                        scanned.path("reportBucket").asText(), scanned.path("reportKey").asText(),
                        scanned.at("/summary/publicIps").asText(), scanned.at("/summary/malicious").asText(),
                        scanned.at("/summary/notChecked").asText());
            }
            if (response.statusCode() != 200) {
                LOG.warnf("scan of s3://%s/%s failed: %s", bucket, object.key(), answer.path("errorMessage").asText(response.body()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not invoke the function for %s: %s", object.key(), e.getMessage());
        }
    }

    /** The scheduled lookups' event, as the template's schedule sends it. */
    private void drain(String bucket) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1").put("eventSource", "logverdict:schedule").put("eventName", "logverdict:Drain");
        record.putObject("s3").put("s3SchemaVersion", "1.0").putObject("bucket").put("name", bucket);
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + eventServerPort + "/_lambda_"))
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode drained = JSON.readTree(response.body()).path("drained").path(0);
            if (drained.path("lookedUp").asInt() > 0 || drained.path("refreshedReports").asInt() > 0) {
                LOG.infof("scheduled lookups: %s looked up, %s reports refreshed, %s IPs still waiting",
                        drained.path("lookedUp").asText(), drained.path("refreshedReports").asText(),
                        drained.path("waiting").asText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not send the scheduled lookups event: %s", e.getMessage());
        }
    }

    private String event(String bucket, S3Object object) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
                .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "local");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "logverdict-local");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object")
                .put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", object.size())
                .put("eTag", object.eTag().replace("\"", ""))
                .put("sequencer", String.format("%016X", ++sequencer));
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
    }
}
