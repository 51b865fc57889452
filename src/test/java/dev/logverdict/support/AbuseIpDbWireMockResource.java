package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock standing in for AbuseIPDB API v2; tests get it injected with {@link InjectAbuseIpDb}. */
public class AbuseIpDbWireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "abuseipdb-test-key-8c41e0";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectAbuseIpDb {}

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.of(
                "quarkus.rest-client.abuseipdb.url", server.baseUrl(),
                "logverdict.abuseipdb.api-key", API_KEY,
                // Pacing is proven with a fake clock in ReputationLookupsTest; here it would only slow the run down.
                "logverdict.abuseipdb.requests-per-minute", "60000",
                "logverdict.abuseipdb.rate-limit-backoff", "0.05s",
                "quarkus.rest-client.abuseipdb.read-timeout", "1500");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectAbuseIpDb.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A check answer in AbuseIPDB's published shape. */
    public static String check(String ip, int score, int reports, boolean whitelisted) {
        return """
                {"data":{"ipAddress":"%s","isPublic":true,"ipVersion":4,"isWhitelisted":%s,"abuseConfidenceScore":%d,\
                "countryCode":"NL","usageType":"Data Center/Web Hosting/Transit","isp":"Example Hosting B.V.",\
                "domain":"example.net","hostnames":[],"isTor":false,"totalReports":%d,"numDistinctUsers":%d,\
                "lastReportedAt":%s}}""".formatted(
                ip, whitelisted, score, reports, reports, reports > 0 ? "\"2026-12-03T21:14:07+00:00\"" : "null");
    }

    /** An error in AbuseIPDB's published shape. */
    public static String error(int status, String detail) {
        return "{\"errors\":[{\"detail\":\"" + detail + "\",\"status\":" + status + "}]}";
    }
}
