package dev.logverdict.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.SecretsExtensionResource;
import dev.logverdict.support.VirusTotalBodies;
import dev.logverdict.support.VirusTotalWireMockResource.InjectVirusTotal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
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

/** A key that could not be read at init is not frozen: the report says so, and a later invocation uses it. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = SecretsExtensionResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "failed-reads", value = "2"))
class LateSecretEndToEndTest {

    @Inject
    S3Client s3;

    @InjectVirusTotal
    WireMockServer server;

    @Test
    void aKeyThatAppearsAfterInitIsUsedByTheNextInvocation() throws Exception {
        server.stubFor(get(urlEqualTo("/api/v3/ip_addresses/91.93.2.1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(VirusTotalBodies.ipAddress("91.93.2.1", 4, 0, 50, 20, -3, "AS", 1, "NL", "n"))));
        ScanClient client = new ScanClient(s3, S3ProxyResource.BUCKET);

        JsonNode before = client.scan("late/first.log", ScanClient.line("91.93.2.1", "/"));

        assertThat(before.at("/intel/virustotal").asText()).isEqualTo("key_unavailable");
        assertThat(before.at("/ips/0/verdict").asText()).isEqualTo("not_checked");
        assertThat(before.at("/ips/0/lookup/reason").asText())
                .contains(SecretsExtensionResource.SECRET_ARN)
                .contains("tried again");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v3/ip_addresses/91.93.2.1"))))
                .isEmpty();

        JsonNode after = client.scan("late/second.log", ScanClient.line("91.93.2.1", "/"));

        assertThat(after.at("/intel/virustotal").asText()).isEqualTo("consulted");
        assertThat(after.at("/summary/malicious").asLong()).isEqualTo(1);
        assertThat(server.findAll(getRequestedFor(urlEqualTo("/api/v3/ip_addresses/91.93.2.1"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("x-apikey")).isEqualTo(SecretsExtensionResource.KEY_IN_SECRET));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/secretsmanager/get"))))
                .as("init, first scan, second scan")
                .hasSize(3);
        assertThat(after.toString()).doesNotContain(SecretsExtensionResource.KEY_IN_SECRET);
    }
}
