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
    public @interface InjectVirusTotal {}

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.virustotal.url", server.baseUrl()),
                Map.entry("logverdict.virustotal.api-key", API_KEY),
                // Pacing and back-off are proven with a fake clock in ReputationLookupsTest; here they would
                // only slow the run down.
                Map.entry("logverdict.virustotal.requests-per-minute", "60000"),
                Map.entry("logverdict.virustotal.rate-limit-backoff", "0.05s"),
                Map.entry("quarkus.rest-client.virustotal.read-timeout", "1500"),
                Map.entry("dev.logverdict.intel.virustotal.VirusTotalFetcher/fetch/Retry/delay", "20"),
                Map.entry("dev.logverdict.intel.virustotal.VirusTotalFetcher/fetch/Retry/jitter", "10"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectVirusTotal.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
