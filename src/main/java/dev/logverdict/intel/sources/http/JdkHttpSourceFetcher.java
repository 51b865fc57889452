package dev.logverdict.intel.sources.http;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.intel.sources.SourceFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link SourceFetcher} over the JDK's HTTP client: a plain GET of a public file, with its validators. The
 * whole download (not only the wait for headers) has a deadline, and the body a size cap, so a slow or
 * endless server cannot hold the scheduled run.
 */
@ApplicationScoped
public class JdkHttpSourceFetcher implements SourceFetcher {

    private static final long MAX_BYTES = 64L << 20;
    // Made with the bean (on the first fetch), not when the class loads: a scan never starts this thread.
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "source-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final Duration timeout;

    @Inject
    public JdkHttpSourceFetcher(LogVerdictConfig config) {
        this(config.sources().fetchTimeout());
    }

    public JdkHttpSourceFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Duration worstCase() {
        return timeout.plusSeconds(10);
    }

    @Override
    public Response fetch(URI url, String etag, String lastModified) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", "logverdict (scheduled public source refresh)")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                // Closing the stream at the deadline ends a read that a trickling server keeps alive.
                ScheduledFuture<?> cut = watchdog.schedule(
                        () -> closeQuietly(in), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                try {
                    body = in.readNBytes((int) MAX_BYTES + 1);
                } catch (IOException e) {
                    throw System.nanoTime() >= deadline
                            ? new IOException("no complete download within " + timeout, e)
                            : e;
                } finally {
                    cut.cancel(false);
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new IOException("no complete download within " + timeout);
            }
            if (body.length > MAX_BYTES) {
                throw new IOException("the download is larger than " + MAX_BYTES + " bytes");
            }
            return new Response(
                    response.statusCode(),
                    body,
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the reader sees the closed stream and reports the deadline
        }
    }
}
