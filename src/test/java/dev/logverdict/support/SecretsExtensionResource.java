package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
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

    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:logverdict/virustotal-AbCdEf";
    public static final String KEY_IN_SECRET = "vt-key-from-secrets-manager-77e1";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get"))
                .withQueryParam("secretId", equalTo(SECRET_ARN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"logverdict/virustotal\",\"SecretString\":"
                                + "\"{\\\"apiKey\\\":\\\"" + KEY_IN_SECRET + "\\\"}\",\"VersionId\":\"v1\"}")));
        return Map.of(
                "quarkus.rest-client.aws-parameters-secrets.url", server.baseUrl(),
                "quarkus.rest-client.virustotal.url", server.baseUrl(),
                "logverdict.virustotal.api-key-secret", SECRET_ARN,
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
