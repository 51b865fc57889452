package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.SecretsExtensionResource;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The key comes from Secrets Manager through the extension, read once at init, and goes nowhere else. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SecretsExtensionResource.class, restrictToAnnotatedClass = true)
class SecretKeyEndToEndTest {

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer server;

    @Test
    void readsTheKeyFromTheSecretAtInitAndUsesItForLookups() throws Exception {
        server.stubFor(get(urlEqualTo("/api/v3/ip_addresses/91.93.1.1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress("91.93.1.1", 4, 0, 50, 20, -3, "AS", 1, "NL", "n"))));

        JsonNode report =
                new ScanClient(s3, S3ProxyResource.BUCKET).scan("secret/access.log", ScanClient.line("91.93.1.1", "/"));

        assertThat(report.at("/intel/virustotal").asText()).isEqualTo("consulted");
        assertThat(report.at("/summary/malicious").asLong()).isEqualTo(1);
        assertThat(server.findAll(getRequestedFor(urlEqualTo("/api/v3/ip_addresses/91.93.1.1"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("x-apikey")).isEqualTo(SecretsExtensionResource.KEY_IN_SECRET));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/secretsmanager/get"))))
                .as("read once, at init")
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.containsHeader("X-Aws-Parameters-Secrets-Token"))
                        .isTrue());
        assertThat(report.toString()).doesNotContain(SecretsExtensionResource.KEY_IN_SECRET);
    }
}
