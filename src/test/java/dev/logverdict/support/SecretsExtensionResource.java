package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock playing both the Parameters and Secrets Lambda Extension (holding the key in a JSON secret)
 * and VirusTotal, configured the way the template configures the function: a secret ARN, no key.
 */
public class SecretsExtensionResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:logverdict/virustotal-AbCdEf";
    public static final String KEY_IN_SECRET = "vt-key-from-secrets-manager-77e1";

    private WireMockServer server;
    private int failedReads;

    /**
     * Init arg {@code failed-reads}: how many reads of the secret fail first (400 ResourceNotFoundException),
     * as when the extension is not ready at init or the secret is created after the deploy.
     */
    @Override
    public void init(Map<String, String> initArgs) {
        failedReads = Integer.parseInt(initArgs.getOrDefault("failed-reads", "0"));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        String state = Scenario.STARTED;
        for (int failure = 1; failure <= failedReads; failure++) {
            server.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                    .inScenario("secret")
                    .whenScenarioStateIs(state)
                    .willSetStateTo("read " + failure)
                    .willReturn(aResponse().withStatus(400).withBody("{\"__type\":\"ResourceNotFoundException\"}")));
            state = "read " + failure;
        }
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .inScenario("secret")
                .whenScenarioStateIs(state)
                .withQueryParam("secretId", equalTo(SECRET_ARN))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"logverdict/virustotal\",\"SecretString\":"
                                + "\"{\\\"apiKey\\\":\\\"" + KEY_IN_SECRET + "\\\"}\",\"VersionId\":\"v1\"}")));
        return Map.of(
                "quarkus.rest-client.aws-parameters-secrets.url",
                server.baseUrl(),
                "quarkus.rest-client.virustotal.url",
                server.baseUrl(),
                "logverdict.virustotal.api-key-secret",
                SECRET_ARN,
                "logverdict.virustotal.api-key-secret-field",
                "apiKey",
                "logverdict.virustotal.requests-per-minute",
                "60000");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server,
                new TestInjector.AnnotatedAndMatchesType(
                        VirusTotalWireMockResource.InjectVirusTotal.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
