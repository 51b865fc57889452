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
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerting through SNS: a subject for e-mail, the alert JSON as the message, against WireMock as the SNS API. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = AlertEndpointResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "target", value = "sns"))
class SnsAlertEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final String BAD = "185.220.101.9";

    @Inject
    S3Client s3;

    @InjectAlertEndpoint
    WireMockServer aws;

    @BeforeEach
    void oneBlocklistAndAWorkingTopic() {
        aws.resetAll();
        aws.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                                                        + "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
                                                        + "<ResponseMetadata><RequestId>d74b8436</RequestId></ResponseMetadata></PublishResponse>")));
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        S3Buckets.deleteAll(s3, BUCKET, "feeds/");
        new ScanClient(s3, BUCKET).put("feeds/tor_exits.txt", BAD + "\n");
    }

    @Test
    void publishesOneMessageWithASafeSubjectForAKeyWithControlCharactersAndUnicode() throws Exception {
        String key = "logs/alerts/caf\u00e9 \u001b[31mred\u001b[0m.log";
        String log = line(BAD, "/.env") + line("8.8.8.8", "/");
        String eTag = new ScanClient(s3, BUCKET).put(key, log);

        Response response = ScanClient.post(S3Events.objectCreated(BUCKET, key, log.length(), eTag));
        Response redelivered = ScanClient.post(S3Events.objectCreated(BUCKET, key, log.length(), eTag));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("scanned[0].alert.status")).isEqualTo("sent");
        assertThat(response.jsonPath().getString("scanned[0].alert.messageId"))
                .isEqualTo("567910cd-659e-55d4-8ccb-5aaf14679dc0");
        assertThat(redelivered.jsonPath().getString("scanned[0].alert.status")).isEqualTo("duplicate");
        List<LoggedRequest> published = aws.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(published).hasSize(1);
        Map<String, String> form = form(published.get(0).getBodyAsString());
        assertThat(form).containsEntry("Action", "Publish").containsEntry("TopicArn", AlertEndpointResource.TOPIC_ARN);
        String subject = form.get("Subject");
        assertThat(subject)
                .hasSizeLessThan(100)
                .matches("[\\x20-\\x7e]+")
                .startsWith("logverdict: 1 malicious IP in s3://" + BUCKET + "/logs/alerts/caf? ?[31mred?[0m.log");
        String message = form.get("Message");
        ReportSchema.assertValidAlert(message);
        JsonNode alert = ScanClient.JSON.readTree(message);
        assertThat(alert.at("/source/key").asText()).isEqualTo(key);
        assertThat(alert.at("/topOffenders/0/ip").asText()).isEqualTo(BAD);
        assertThat(form).containsEntry("MessageAttributes.entry.1.Value.StringValue", "logverdict.scan.malicious");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
