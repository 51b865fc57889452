package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.logverdict.support.AlertEndpointResource;
import dev.logverdict.support.AlertEndpointResource.InjectAlertEndpoint;
import dev.logverdict.support.ReportSchema;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerting through EventBridge: one event per (object, eTag), against WireMock standing in for the AWS API. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AlertEndpointResource.class, restrictToAnnotatedClass = true)
class EventBridgeAlertEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final String BAD = "185.220.101.7";
    private static final String ALSO_BAD = "2a0b:4340:1::66";

    @Inject
    S3Client s3;

    @InjectAlertEndpoint
    WireMockServer aws;

    private ScanClient client;

    @BeforeEach
    void oneBlocklistAndAWorkingBus() {
        aws.resetAll();
        acceptEvents();
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        client = new ScanClient(s3, BUCKET);
        client.put("feeds/tor_exits.txt", BAD + "\n" + "2a0b:4340::/32\n");
    }

    private void acceptEvents() {
        aws.stubFor(
                post(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}")));
    }

    private List<LoggedRequest> putEvents() {
        return aws.findAll(
                postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents")));
    }

    private Response scan(String key, String log) {
        String eTag = new ScanClient(s3, BUCKET).put(key, log);
        return ScanClient.post(S3Events.objectCreated(BUCKET, key, log.length(), eTag));
    }

    @Test
    void sendsOneSignedEventWithCountsTopOffendersAndTheReportLocation() throws Exception {
        Response response = scan(
                "logs/alerts/web.log",
                line(BAD, "/.env")
                        + line(BAD, "/wp-login.php")
                        + line(ALSO_BAD, "/")
                        + line("8.8.8.8", "/")
                        + line("10.1.2.3", "/"));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("scanned[0].alert.status")).isEqualTo("sent");
        assertThat(response.jsonPath().getString("scanned[0].alert.messageId"))
                .isEqualTo("11710aed-b79e-4468-a20b-bb3c0c3b4860");
        List<LoggedRequest> sent = putEvents();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=alert-test-access-key/")
                .contains("/us-east-1/events/aws4_request");
        JsonNode entry = ScanClient.JSON.readTree(sent.get(0).getBodyAsString()).at("/Entries/0");
        assertThat(entry.get("DetailType").asText()).isEqualTo("logverdict.scan.malicious");
        assertThat(entry.get("Source").asText()).isEqualTo("logverdict");
        assertThat(entry.get("EventBusName").asText()).isEqualTo(AlertEndpointResource.EVENT_BUS);
        assertThat(entry.at("/Resources/0").asText()).isEqualTo("arn:aws:s3:::" + BUCKET + "/logs/alerts/web.log");

        String detailText = entry.get("Detail").asText();
        ReportSchema.assertValidAlert(detailText);
        JsonNode detail = ScanClient.JSON.readTree(detailText);
        assertThat(detail.at("/counts/malicious").asLong()).isEqualTo(2);
        assertThat(detail.at("/counts/publicIps").asLong()).isEqualTo(3);
        assertThat(detail.at("/topOffenders/0/ip").asText()).isEqualTo(BAD);
        assertThat(detail.at("/topOffenders/0/requests").asLong()).isEqualTo(2);
        assertThat(detail.at("/topOffenders/0/checkedBy").asText()).isEqualTo("tor_exits");
        assertThat(detail.at("/topOffenders/0/signals").size()).isPositive();
        assertThat(detail.at("/topOffenders/1/ip").asText()).isEqualTo(ALSO_BAD);
        assertThat(detail.at("/report/uri").asText()).isEqualTo("s3://" + BUCKET + "/reports/alerts/web.log.json");
        assertThat(detail.at("/report/html").asText()).isEqualTo("s3://" + BUCKET + "/reports/alerts/web.log.html");
        assertThat(detail.at("/source/eTag").asText()).isNotBlank();
        assertThat(detailText).doesNotContain("8.8.8.8").doesNotContain("10.1.2.3");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("cache/_alerts/"))
                        .contents())
                .as("the once-per-object marker, under the cache prefix")
                .hasSize(1);
    }

    @Test
    void aRedeliveredEventDoesNotAlertTwiceButANewVersionOfTheObjectDoes() {
        String log = line(BAD, "/.git/config");
        Response first = scan("logs/alerts/redelivered.log", log);
        Response again = ScanClient.post(S3Events.objectCreated(
                BUCKET, "logs/alerts/redelivered.log", log.length(), eTagOf("logs/alerts/redelivered.log")));

        assertThat(first.statusCode()).as(first.body().asString()).isEqualTo(200);
        assertThat(first.jsonPath().getString("scanned[0].alert.status")).isEqualTo("sent");
        assertThat(again.statusCode()).as(again.body().asString()).isEqualTo(200);
        assertThat(again.jsonPath().getString("scanned[0].alert.status")).isEqualTo("duplicate");
        assertThat(putEvents()).hasSize(1);

        Response changed = scan("logs/alerts/redelivered.log", log + line(BAD, "/admin"));
        assertThat(changed.statusCode()).as(changed.body().asString()).isEqualTo(200);
        assertThat(changed.jsonPath().getString("scanned[0].alert.status")).isEqualTo("sent");
        assertThat(putEvents()).hasSize(2);
    }

    @Test
    void aCleanLogSendsNothing() {
        Response response = scan("logs/alerts/clean.log", line("8.8.8.8", "/") + line("192.168.1.1", "/"));

        assertThat(response.jsonPath().getString("scanned[0].alert.status")).isEqualTo("nothing_malicious");
        assertThat(putEvents()).isEmpty();
    }

    @Test
    void aRejectedEventFailsTheInvocationAfterTheReportAndTheRetryStillAlerts() throws Exception {
        aws.resetAll();
        aws.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try later\"}]}")));
        String key = "logs/alerts/retried.log";

        Response failed = scan(key, line(BAD, "/"));

        assertThat(failed.statusCode()).as(failed.body().asString()).isEqualTo(500);
        assertThat(failed.body().asString())
                .contains("EventBridge rejected the alert event")
                .contains("InternalFailure");
        assertThat(client.report("reports/alerts/retried.log.json")
                        .at("/summary/malicious")
                        .asLong())
                .isEqualTo(1);

        aws.resetAll();
        acceptEvents();
        Response retried = ScanClient.post(S3Events.objectCreated(BUCKET, key, 0, eTagOf(key)));
        assertThat(retried.statusCode()).as(retried.body().asString()).isEqualTo(200);
        assertThat(retried.jsonPath().getString("scanned[0].alert.status")).isEqualTo("sent");
        assertThat(putEvents()).hasSize(1);
    }

    private String eTagOf(String key) {
        return s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", "");
    }
}
