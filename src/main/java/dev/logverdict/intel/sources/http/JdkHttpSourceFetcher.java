package dev.logverdict.intel.sources.http;

import dev.logverdict.intel.sources.SourceFetcher;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link SourceFetcher} over the JDK's HTTP client: a plain GET of a public file, with its validators. */
@ApplicationScoped
public class JdkHttpSourceFetcher implements SourceFetcher {

    private static final long MAX_BYTES = 32L << 20;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Override
    public Response fetch(URI url, String etag, String lastModified) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "logverdict (scheduled public blocklist refresh)").GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (java.io.InputStream in = response.body()) {
                body = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (body.length > MAX_BYTES) {
                throw new IOException("the list is larger than " + MAX_BYTES + " bytes");
            }
            return new Response(response.statusCode(), body, response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
