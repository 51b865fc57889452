package dev.logverdict.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.intel.sources.TestSources;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock publishing the ten public sources, each sample file in its real format at its own path, and the
 * configuration that turns every source on and points it there.
 */
public class PublicSourcesWireMockResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>();
        for (TestSources.Sample sample : TestSources.all(server.baseUrl())) {
            server.stubFor(get(urlEqualTo("/" + sample.file()))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("ETag", "\"" + sample.file() + "-1\"")
                            .withBody(TestSources.body(sample.file()))));
            String id = sample.source().id();
            config.put("logverdict.sources." + id + ".enabled", "true");
            config.put(
                    "logverdict.sources." + id + ".url", sample.source().url().toString());
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
