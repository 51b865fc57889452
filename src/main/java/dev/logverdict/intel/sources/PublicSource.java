package dev.logverdict.intel.sources;

import java.net.URI;
import java.time.Duration;

/**
 * A public blocklist the function keeps up to date by itself (no key, no copying by hand).
 *
 * @param id      the list's name in reports and its file under the feeds prefix ({@code <id>.txt})
 * @param refresh how often it is fetched again; never more often than an hour (the publishers ask for that)
 */
public record PublicSource(String id, URI url, Duration refresh) {

    static final Duration SHORTEST_REFRESH = Duration.ofHours(1);

    public PublicSource {
        if (!id.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("a source id is lower-case letters, digits and '_': " + id);
        }
        refresh = refresh.compareTo(SHORTEST_REFRESH) < 0 ? SHORTEST_REFRESH : refresh;
    }
}
