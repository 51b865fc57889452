package dev.logverdict.intel.sources.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.intel.sources.PublicSource;
import dev.logverdict.intel.sources.SourceRefresh;
import dev.logverdict.intel.sources.TestSources;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health guard over HTTP: the real fetcher against WireMock serving each source's file in its real
 * format, then the broken downloads a mirror really produces (empty, HTML, halved, truncated gzip) and a 304.
 */
class SourceRefreshOverHttpTest {

    private static final String BUCKET = "soc-logs";
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    private WireMockServer server;
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private SourceRefresh refresh;
    private Map<String, PublicSource> sources;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        refresh = new SourceRefresh(store, new JdkHttpSourceFetcher(Duration.ofSeconds(5)), BUCKET, "cache/");
        sources = new HashMap<>();
        TestSources.all(server.baseUrl())
                .forEach(sample -> sources.put(sample.source().id(), sample.source()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void serve(String file, byte[] body) {
        server.stubFor(get(urlEqualTo("/" + file))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("ETag", "\"" + Arrays.hashCode(body) + "\"")
                        .withBody(body)));
    }

    private SourceRefresh.State refresh(String id, Instant at) {
        return refresh.refreshDue(List.of(sources.get(id)), at, () -> Duration.ofMinutes(1), Duration.ofSeconds(10))
                .get(0);
    }

    private byte[] stored(String key) {
        return store.objects.get(BUCKET + "/cache/_sources/" + key);
    }

    @Test
    void brokenDropDownloadsKeepTheLastGoodListAndA304ParsesNothing() {
        byte[] good = TestSources.body("drop_v4.json");
        serve("drop_v4.json", good);
        assertThat(refresh("spamhaus", START).state()).isEqualTo("ok");
        byte[] kept = stored("spamhaus.tsv");

        server.stubFor(get(urlEqualTo("/drop_v4.json"))
                .withHeader("If-None-Match", equalTo("\"" + Arrays.hashCode(good) + "\""))
                .atPriority(1)
                .willReturn(aResponse().withStatus(304)));
        store.writes.clear();
        Instant at = START.plus(Duration.ofHours(12));
        assertThat(refresh("spamhaus", at).state()).isEqualTo("ok");
        assertThat(store.writes).as("a 304 stores nothing but the state").containsOnly("cache/_sources/index.json");
        server.resetAll();

        String text = new String(good, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        String halved = String.join("\n", lines[0], lines[1], lines[2], lines[lines.length - 1]) + "\n";
        for (String broken : List.of("", "<!DOCTYPE html><html><body>Service Unavailable</body></html>", halved)) {
            at = at.plus(Duration.ofHours(12));
            serve("drop_v4.json", broken.getBytes(StandardCharsets.UTF_8));
            SourceRefresh.State state = refresh("spamhaus", at);
            assertThat(state.state()).as(broken).isEqualTo("degraded");
            assertThat(state.entries()).isEqualTo(7);
            assertThat(stored("spamhaus.tsv"))
                    .as("the last good list stays in use")
                    .isEqualTo(kept);
        }
        assertThat(server.findAll(getRequestedFor(urlEqualTo("/drop_v4.json")))).hasSize(3);
    }

    @Test
    void aTruncatedAsnTableIsNotApplied() throws Exception {
        byte[] good = TestSources.body("ip2asn-combined.tsv.gz");
        serve("ip2asn-combined.tsv.gz", good);
        assertThat(refresh("asn", START).state()).isEqualTo("ok");
        byte[] kept = stored("asn.bin.gz");

        serve("ip2asn-combined.tsv.gz", Arrays.copyOf(good, good.length / 2));
        SourceRefresh.State state = refresh("asn", START.plus(Duration.ofHours(25)));

        assertThat(state.state()).isEqualTo("degraded");
        assertThat(state.lastError()).contains("unparsable");
        assertThat(stored("asn.bin.gz")).isEqualTo(kept);
    }
}
