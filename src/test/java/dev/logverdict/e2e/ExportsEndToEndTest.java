package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logverdict.scan.Priming;
import dev.logverdict.support.GzipLines;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.logverdict.e2e.ScanClient.line;
import static dev.logverdict.e2e.ScanClient.lineAt;
import static org.assertj.core.api.Assertions.assertThat;

/** The exports land beside the report, are listed in it, and hold only public malicious addresses. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class ExportsEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @Inject
    S3Client s3;

    @Inject
    Priming priming;

    @Test
    void primingRunsEveryWriterAScanRuns() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/bad.txt", "185.220.101.54\n");
        JsonNode report = client.scan("priming/app.log", line("185.220.101.54", "/.env") + line("8.8.8.8", "/"));
        List<String> scanned = new ArrayList<>();
        report.get("outputs").forEach(output -> scanned.add(output.get("kind").asText()));

        List<String> primed = priming.prime();

        assertThat(primed).isNotEmpty().containsExactlyElementsOf(scanned);
    }

    @Test
    void writesEveryExportBesideTheReportAndListsItInOutputs() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        ScanClient client = new ScanClient(s3, BUCKET);
        // The blocklist names a private range too: it must not reach a firewall list through the report.
        client.put("feeds/bad.txt", "185.220.101.50\n2a0b:4340:2::/48\n10.0.0.0/8\n");

        JsonNode report = client.scan(
                "exports/app.log",
                line("185.220.101.50", "/")
                        + line("2a0b:4340:2::1", "/")
                        + line("10.9.9.9", "/")
                        + line("8.8.8.8", "/"));

        Map<String, JsonNode> outputs = new HashMap<>();
        report.get("outputs").forEach(output -> outputs.put(output.get("kind").asText(), output));
        assertThat(outputs).containsOnlyKeys("html", "waf-ipv4", "waf-ipv6", "guardduty", "stix", "findings");
        outputs.values()
                .forEach(output -> assertThat(output.get("bucket").asText()).isEqualTo(BUCKET));
        assertThat(outputs.get("html").get("key").asText()).isEqualTo("reports/exports/app.log.html");
        assertThat(client.get(outputs.get("waf-ipv4").get("key").asText())).isEqualTo("185.220.101.50/32\n");
        assertThat(client.get(outputs.get("waf-ipv6").get("key").asText())).isEqualTo("2a0b:4340:2::1/128\n");
        assertThat(client.get("reports/exports/app.log.guardduty.txt")).isEqualTo("185.220.101.50\n2a0b:4340:2::1\n");
        assertThat(outputs.get("guardduty").get("entries").asLong()).isEqualTo(2);
        String stixText = client.get("reports/exports/app.log.stix");
        assertThat(ReportSchema.stixErrors(stixText)).isEmpty();
        JsonNode stix = ScanClient.JSON.readTree(stixText);
        assertThat(stix.get("type").asText()).isEqualTo("bundle");
        assertThat(stix.findValuesAsText("pattern"))
                .containsExactly("[ipv4-addr:value = '185.220.101.50']", "[ipv6-addr:value = '2a0b:4340:2::1']");
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("reports/exports/app.log.stix"))
                        .contentType())
                .startsWith("application/stix+json");
    }

    @Test
    void filesOneFindingsObjectPerLogVersionUnderTheDayItWasStoredAndARedeliveryReplacesIt() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        S3Buckets.deleteAll(s3, BUCKET, "findings/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/bad.txt", "185.220.101.51\n");
        String log = line("185.220.101.51", "/.env") + line("8.8.4.4", "/") + line("10.1.2.3", "/");

        JsonNode report = client.scan("findings/site.log", log);
        Instant stored = s3.headObject(b -> b.bucket(BUCKET).key("logs/findings/site.log"))
                .lastModified();
        // The same event again, as S3 may deliver it twice: the same object version is scanned again.
        var redelivered = ScanClient.post(S3Events.objectCreated(BUCKET, "logs/findings/site.log", log.length(), "0"));
        assertThat(redelivered.statusCode()).as(redelivered.body().asString()).isEqualTo(200);
        JsonNode again = client.report("reports/findings/site.log.json");

        Instant lastModified = Instant.parse(report.at("/source/lastModified").asText());
        // S3Proxy rounds Last-Modified to the second, differently for GET and HEAD.
        assertThat(Duration.between(stored, lastModified).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(again.at("/source/lastModified").asText()).isEqualTo(lastModified.toString());
        String day = lastModified.atZone(ZoneOffset.UTC).toLocalDate().toString();
        String key = "findings/dt=" + day + "/findings/site.log.jsonl.gz";
        JsonNode output = null;
        for (JsonNode candidate : again.get("outputs")) {
            if (candidate.get("kind").asText().equals("findings")) {
                output = candidate;
            }
        }
        assertThat(output).isNotNull();
        assertThat(output.get("key").asText()).isEqualTo(key);
        assertThat(output.get("entries").asLong()).isEqualTo(3);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("findings/")).contents())
                .as("the redelivered event replaced the findings, it did not add a second copy")
                .extracting(S3Object::key)
                .containsExactly(key);
        byte[] gzip = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        List<String> lines = GzipLines.of(gzip);
        assertThat(lines).hasSize(3);
        lines.forEach(
                line -> assertThat(ReportSchema.findingErrors(line)).as(line).isEmpty());
        JsonNode first = ScanClient.JSON.readTree(lines.get(0));
        assertThat(first.get("ip").asText()).isEqualTo("185.220.101.51");
        assertThat(first.get("verdict").asText()).isEqualTo("malicious");
        assertThat(first.get("lookup_source").asText()).isEqualTo("bad");
        assertThat(first.get("log_key").asText()).isEqualTo("logs/findings/site.log");
        assertThat(first.get("log_last_modified").asText()).isEqualTo(lastModified.toString());
        assertThat(first.get("report_key").asText()).isEqualTo("reports/findings/site.log.json");
    }

    @Test
    void theScheduledRunKeepsOneRollingBlocklistFromEveryLogsFindings() throws Exception {
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        S3Buckets.deleteAll(s3, BUCKET, "findings/");
        S3Buckets.deleteAll(s3, BUCKET, "blocklists/");
        S3Buckets.deleteAll(s3, BUCKET, "cache/_blocklist/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/bad.txt", "185.220.101.52\n185.220.101.53\n2a0b:4340:3::9\n185.220.101.99\n");
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        client.scan("rolling/a.log", lineAt("185.220.101.52", "/.env", hourAgo) + lineAt("8.8.4.4", "/", hourAgo));
        client.scan(
                "rolling/b.log",
                lineAt("185.220.101.53", "/", hourAgo)
                        + lineAt("2a0b:4340:3::9", "/", hourAgo)
                        + lineAt("10.0.0.1", "/", hourAgo));
        // Uploaded today, but its malicious client was last seen longer ago than the window (7 days).
        client.scan(
                "rolling/old.log", lineAt("185.220.101.99", "/", Instant.now().minus(Duration.ofDays(30))));

        JsonNode first = schedule();
        JsonNode second = schedule();

        assertThat(first.get("status").asText()).isEqualTo("updated");
        assertThat(first.get("findingsObjectsRead").asInt()).isEqualTo(3);
        assertThat(first.get("listed").asInt()).isEqualTo(3);
        assertThat(first.get("expired").asInt())
                .as("185.220.101.99, seen 30 days ago")
                .isEqualTo(1);
        assertThat(client.get("blocklists/current-ipv4.txt")).isEqualTo("185.220.101.52/31\n");
        assertThat(client.get("blocklists/current-ipv6.txt")).isEqualTo("2a0b:4340:3::9/128\n");
        assertThat(client.get("blocklists/current-guardduty.txt"))
                .isEqualTo("185.220.101.52\n185.220.101.53\n2a0b:4340:3::9\n");
        JsonNode published = ScanClient.JSON.readTree(client.get("blocklists/current.json"));
        assertThat(published.get("addresses").asInt()).isEqualTo(3);
        assertThat(published.at("/ipv4/entries").asInt()).isEqualTo(1);
        assertThat(published.at("/ipv4/addresses").asInt()).isEqualTo(2);
        assertThat(published.get("window").asText()).isEqualTo("PT168H");
        assertThat(second.get("listed").asInt())
                .as("the same findings read again change nothing")
                .isEqualTo(3);
        assertThat(client.get("blocklists/current-ipv4.txt")).isEqualTo("185.220.101.52/31\n");
    }

    private JsonNode schedule() throws IOException {
        // No lease of an earlier drain in this JVM may make this one stand aside.
        S3Buckets.deleteAll(s3, BUCKET, "cache/_drain/");
        var response = ScanClient.post(Files.readString(Path.of("events/scheduled.json")));
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        return ScanClient.JSON
                .readTree(response.body().asString())
                .get("blocklist")
                .get(0);
    }
}
