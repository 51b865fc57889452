package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.support.FixtureWrites;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Events;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static dev.logverdict.support.ReportAssertions.assertCountIdentities;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploads a log, sends its S3 event to the function, and reads back the checked report. */
final class ScanClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;

    ScanClient(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Writes a test fixture and returns its ETag (unquoted). */
    String put(String key, String content) {
        return put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a test fixture (trying again after a pause, see FixtureWrites) and returns its ETag. */
    String put(String key, byte[] content) {
        return FixtureWrites.put(s3, bucket, key, content);
    }

    String get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** Scans {@code logs/<name>} and returns its report, validated against the schema and the count identities. */
    JsonNode scan(String name, String log) throws IOException {
        put("logs/" + name, log);
        Response response = post(S3Events.objectCreated(bucket, "logs/" + name, log.length(), "0"));
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return report("reports/" + name + ".json");
    }

    JsonNode report(String key) throws IOException {
        String text = get(key);
        ReportSchema.assertValid(text);
        JsonNode report = JSON.readTree(text);
        assertCountIdentities(report);
        return report;
    }

    static Response post(String event) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return given().contentType("application/json").body(event).post("http://localhost:" + port + "/_lambda_");
    }

    static Map<String, JsonNode> byIp(JsonNode report) {
        Map<String, JsonNode> byIp = new HashMap<>();
        report.get("ips").forEach(ip -> byIp.put(ip.get("ip").asText(), ip));
        return byIp;
    }

    static String line(String ip, String path) {
        return ip + " - - [27/Nov/2026:10:00:00 +0000] \"GET " + path + " HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n";
    }

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A combined-format line at the given time. */
    static String lineAt(String ip, String path, Instant time) {
        return ip + " - - [" + CLF_TIME.format(time) + "] \"GET " + path + " HTTP/1.1\" 200 5 \"-\" \"Mozilla/5.0\"\n";
    }
}
