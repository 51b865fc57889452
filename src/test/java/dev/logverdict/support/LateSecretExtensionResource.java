package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The Parameters and Secrets extension (WireMock) failing the first two reads of the secret, as when the
 * extension is not ready at init or the secret is created after the deploy, then answering; also VirusTotal.
 */
public class LateSecretExtensionResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get")).inScenario("late secret")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("still missing")
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ResourceNotFoundException\"}")));
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get")).inScenario("late secret")
                .whenScenarioStateIs("still missing").willSetStateTo("created")
                .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ResourceNotFoundException\"}")));
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get")).inScenario("late secret")
                .whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ARN\":\"" + SecretsExtensionResource.SECRET_ARN + "\",\"SecretString\":"
                                + "\"{\\\"apiKey\\\":\\\"" + SecretsExtensionResource.KEY_IN_SECRET + "\\\"}\"}")));
        return Map.of(
                "quarkus.rest-client.aws-parameters-secrets.url", server.baseUrl(),
                "quarkus.rest-client.virustotal.url", server.baseUrl(),
                "logverdict.virustotal.api-key-secret", SecretsExtensionResource.SECRET_ARN,
                "logverdict.virustotal.api-key-secret-field", "apiKey",
                "logverdict.virustotal.requests-per-minute", "60000");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(
                VirusTotalWireMockResource.InjectVirusTotal.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
