package dev.logverdict.intel.sources;

import java.net.URI;
import java.time.Duration;

/**
 * A public source the function keeps up to date by itself (no key, no copying by hand).
 *
 * @param id      the source's name in reports, configuration ({@code logverdict.sources.<id>}) and storage
 * @param label   what a listed address is labelled with ({@code google/googlebot}); formats that carry a
 *                service per range ({@code aws}) append it
 * @param refresh how often it is fetched again; the defaults respect each publisher's fair use, and a user
 *                who sets less owns that choice
 */
public record PublicSource(String id, SourceKind kind, SourceFormat format, String label, URI url, Duration refresh) {

    public PublicSource {
        if (!id.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("a source id is lower-case letters, digits and '_': " + id);
        }
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("logverdict.sources." + id + ".refresh must be positive: " + refresh);
        }
    }
}
