package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock standing in for VirusTotal; tests get it injected with {@link InjectVirusTotal}. */
public class VirusTotalWireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "vt-test-key-5f2c9d0e8b7a4c1d";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectVirusTotal {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.of(
                "quarkus.rest-client.virustotal.url", server.baseUrl(),
                "logverdict.virustotal.api-key", API_KEY,
                // Pacing is proven with a fake clock in ReputationLookupsTest; here it would only slow the run.
                "logverdict.virustotal.requests-per-minute", "60000");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectVirusTotal.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
