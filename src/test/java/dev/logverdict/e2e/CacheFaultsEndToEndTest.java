package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.FaultyS3Resource;
import dev.logverdict.support.FaultyS3Resource.Fault;
import dev.logverdict.support.FaultyS3Resource.InjectFaultyS3;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.logverdict.e2e.ScanClient.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict cache failing under the function while the provider answers: the report says so and still decides. */
@QuarkusTest
@QuarkusTestResource(value = FaultyS3Resource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VirusTotalWireMockResource.class, restrictToAnnotatedClass = true)
class CacheFaultsEndToEndTest {

    private static final String BUCKET = FaultyS3Resource.BUCKET;
    private static final String IP = "91.92.95.7";

    @Inject
    S3Client s3;

    @InjectFaultyS3
    FaultyS3Resource store;

    @InjectVirusTotal
    WireMockServer virusTotal;

    private ScanClient client;

    @BeforeEach
    void faultlessStore() {
        store.clear();
        virusTotal.resetAll();
        client = new ScanClient(s3, BUCKET);
    }

    @Test
    void anUnreadableCacheEntryIsReportedAsACacheErrorAndTheProviderIsAsked() throws Exception {
        virusTotal.stubFor(get(urlEqualTo("/api/v3/ip_addresses/" + IP))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress(IP, 7, 0, 50, 20, -10, "AS", 64500, "NL", IP + "/32"))));
        client.put("cache/" + IP + ".json", "{\"ip\": \"" + IP + "\"}");
        store.fail("cache/" + IP + ".json", Fault.accessDenied());

        JsonNode report = client.scan("cache-faults/denied.log", line(IP, "/"));

        assertThat(report.at("/intel/cache/error").asText())
                .contains("cannot read cache entry")
                .contains("cache/" + IP + ".json");
        assertThat(store.getsOf("cache/" + IP + ".json"))
                .as("the entry was asked for, and refused")
                .isNotEmpty();
        assertThat(ScanClient.byIp(report).get(IP).get("verdict").asText()).isEqualTo("malicious");
        virusTotal.verify(1, getRequestedFor(urlEqualTo("/api/v3/ip_addresses/" + IP)));
    }
}
