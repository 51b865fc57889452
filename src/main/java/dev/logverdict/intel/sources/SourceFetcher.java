package dev.logverdict.intel.sources;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Downloads a public source, conditionally: with the validators of the copy we hold, an unchanged one costs nothing. */
public interface SourceFetcher {

    /**
     * @param status       the HTTP status (200 with a body, 304 when unchanged)
     * @param etag         the new ETag, or null
     * @param lastModified the new Last-Modified, or null
     */
    record Response(int status, byte[] body, String etag, String lastModified) {}

    Response fetch(URI url, String etag, String lastModified) throws IOException;

    /** The longest one fetch may take before it is abandoned; a fetch starts only when this much time is left. */
    default Duration worstCase() {
        return Duration.ofSeconds(40);
    }
}
