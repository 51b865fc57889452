package dev.logverdict.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.AlertEndpointResource;
import dev.logverdict.support.AlertEndpointResource.InjectAlertEndpoint;
import dev.logverdict.support.S3Buckets;
import dev.logverdict.support.S3Events;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.VirusTotalBodies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** A revoked VirusTotal key fails the invocation, but what the blocklists already settled still alerts. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = AlertEndpointResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "virustotal-key", value = "revoked-key"))
class RevokedKeyAlertEndToEndTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    private static final String LISTED = "185.220.101.9";

    @Inject
    S3Client s3;

    @InjectAlertEndpoint
    WireMockServer aws;

    @Test
    void aBlocklistHitIsAlertedBeforeTheRejectedKeyFailsTheInvocation() throws Exception {
        aws.resetAll();
        aws.stubFor(get(urlPathMatching("/api/v3/ip_addresses/.*"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody(VirusTotalBodies.error("WrongCredentialsError", "Wrong API key"))));
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}")));
        S3Buckets.deleteAll(s3, BUCKET, "cache/");
        ScanClient client = new ScanClient(s3, BUCKET);
        client.put("feeds/abuse.txt", LISTED + "\n");
        String key = "logs/revoked/web.log";
        String log = line(LISTED, "/.env") + line("8.8.8.8", "/");
        String eTag = new ScanClient(s3, BUCKET).put(key, log);

        Response response = ScanClient.post(S3Events.objectCreated(BUCKET, key, log.length(), eTag));

        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(500);
        assertThat(response.body().asString()).contains("rejected the API key").doesNotContain("revoked-key");
        assertThat(client.report("reports/revoked/web.log.json")
                        .at("/intel/virustotal")
                        .asText())
                .isEqualTo("auth_failed");
        assertThat(aws.findAll(
                        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))))
                .singleElement()
                .satisfies(event -> assertThat(event.getBodyAsString()).contains(LISTED));
    }
}
