package dev.logverdict.intel.sources.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.logverdict.intel.sources.SourceFetcher;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The fetcher against WireMock serving the list in its real format, with validators. */
class JdkHttpSourceFetcherTest {

    private WireMockServer server;

    @BeforeEach
    void start() throws IOException {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/drop/drop_v4.json"))
                .withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        server.stubFor(get(urlEqualTo("/slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000).withBody("1.2.3.4\n")));
        server.stubFor(get(urlEqualTo("/trickle"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("1.2.3.4\n".repeat(400))
                        .withChunkedDribbleDelay(40, 3_000)));
        server.stubFor(
                get(urlEqualTo("/huge")).willReturn(aResponse().withStatus(200).withBody(new byte[(64 << 20) + 1])));
        server.stubFor(get(urlEqualTo("/drop/drop_v4.json"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("ETag", "\"v1\"")
                        .withHeader("Last-Modified", "Fri, 04 Dec 2026 05:17:00 GMT")
                        .withBody(Files.readAllBytes(Path.of("src/test/resources/sources/drop_v4.json")))));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void downloadsTheListWithItsValidatorsAndAsksConditionallyAfterwards() throws IOException {
        JdkHttpSourceFetcher fetcher = new JdkHttpSourceFetcher(Duration.ofSeconds(5));
        URI url = URI.create(server.baseUrl() + "/drop/drop_v4.json");

        SourceFetcher.Response first = fetcher.fetch(url, null, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.lastModified()).isEqualTo("Fri, 04 Dec 2026 05:17:00 GMT");
        assertThat(new String(first.body())).contains("SBL256894");

        SourceFetcher.Response again = fetcher.fetch(url, first.etag(), first.lastModified());
        assertThat(again.status()).isEqualTo(304);
        assertThat(server.getAllServeEvents())
                .hasSize(2)
                .allSatisfy(event ->
                        assertThat(event.getRequest().getHeader("User-Agent")).startsWith("logverdict"));
    }

    @Test
    void aSlowOrTricklingServerIsAbandonedAtTheDeadlineAndAHugeBodyIsRefused() {
        JdkHttpSourceFetcher fetcher = new JdkHttpSourceFetcher(Duration.ofSeconds(1));
        for (String path : List.of("/slow", "/trickle")) {
            long start = System.nanoTime();
            Assertions.assertThatThrownBy(() -> fetcher.fetch(URI.create(server.baseUrl() + path), null, null))
                    .as(path)
                    .isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(Duration.ofMillis(2_500));
        }
        Assertions.assertThatThrownBy(() -> new JdkHttpSourceFetcher(Duration.ofSeconds(20))
                        .fetch(URI.create(server.baseUrl() + "/huge"), null, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("larger than");
    }
}
