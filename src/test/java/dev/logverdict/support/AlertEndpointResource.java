package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock standing in for the EventBridge or SNS API (init arg {@code target}), reached through the SDK's
 * endpoint override with SigV4-signed requests, as in the cloud.
 */
public class AlertEndpointResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:soc-alerts";
    public static final String EVENT_BUS = "soc-bus";
    static final String ACCESS_KEY = "alert-test-access-key";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectAlertEndpoint {}

    private WireMockServer server;
    private String target = "eventbridge";
    private String virusTotalKey;

    /** Init args: {@code target} (eventbridge|sns); {@code virustotal-key} also makes this WireMock VirusTotal. */
    @Override
    public void init(Map<String, String> initArgs) {
        target = initArgs.getOrDefault("target", target);
        virusTotalKey = initArgs.get("virustotal-key");
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        // The SDK's default chain reads these first; the function reads its role's credentials in Lambda.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "alert-test-secret-key");
        Map<String, String> config = new HashMap<>(Map.of(
                "logverdict.alert.target", target,
                "logverdict.alert.event-bus", EVENT_BUS,
                "logverdict.alert.topic-arn", TOPIC_ARN,
                "logverdict.alert.region", "us-east-1",
                "logverdict.alert.endpoint-override", server.baseUrl()));
        if (virusTotalKey != null) {
            config.put("logverdict.virustotal.api-key", virusTotalKey);
            config.put("quarkus.rest-client.virustotal.url", server.baseUrl());
            config.put("logverdict.virustotal.requests-per-minute", "60000");
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                server, new TestInjector.AnnotatedAndMatchesType(InjectAlertEndpoint.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (server != null) {
            server.stop();
        }
    }
}
