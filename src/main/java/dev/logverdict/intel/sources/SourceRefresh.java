package dev.logverdict.intel.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Keeps the public sources current: each one that is due is fetched (conditionally), parsed, checked, and
 * stored normalised under the cache prefix, where every scan loads it. A health guard keeps the previous
 * copy when a download is empty, unparsable, or has lost more than half of its entries (a broken mirror or
 * a truncated download must not unblock an attacker). The state of every source ({@code ok},
 * {@code degraded}, {@code stale}) is one small index object, the only thing a scan reads when nothing
 * changed.
 */
public final class SourceRefresh {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** After a failed attempt, the next one comes this much later (not every minute). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(15);

    /**
     * What is known of one source; stored as JSON in the index.
     *
     * @param fetchedAt when the copy in use was downloaded (it names that copy: scans reload on a change)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(
            String id,
            String kind,
            String state,
            String fetchedAt,
            String nextAttempt,
            int entries,
            String etag,
            String lastModified,
            String lastError) {}

    private final ObjectStore store;
    private final SourceFetcher fetcher;
    private final String bucket;
    private final SourceKeys keys;

    public SourceRefresh(ObjectStore store, SourceFetcher fetcher, String bucket, String cachePrefix) {
        this.store = store;
        this.fetcher = fetcher;
        this.bucket = bucket;
        this.keys = new SourceKeys(cachePrefix);
    }

    /**
     * Refreshes every source that is due while {@code timeLeft} still holds a fetch's worst case; returns
     * the states after this run.
     */
    public List<State> refreshDue(
            List<PublicSource> sources, Instant now, Supplier<Duration> timeLeft, Duration worstFetch) {
        Map<String, State> index = readIndex(store, bucket, keys);
        List<State> states = new ArrayList<>();
        for (PublicSource source : sources) {
            State known = index.get(source.id());
            boolean due = known == null
                    || known.nextAttempt() == null
                    || !Instant.parse(known.nextAttempt()).isAfter(now);
            if (!due || timeLeft.get().compareTo(worstFetch) <= 0) {
                states.add(
                        known == null
                                ? new State(
                                        source.id(),
                                        source.kind().label(),
                                        "stale",
                                        null,
                                        null,
                                        0,
                                        null,
                                        null,
                                        "not fetched yet")
                                : known);
                continue;
            }
            State updated = refresh(source, known, now);
            index.put(source.id(), updated);
            writeIndex(index);
            states.add(updated);
        }
        return states;
    }

    private State refresh(PublicSource source, State known, Instant now) {
        int previous = known == null ? 0 : known.entries();
        String next = now.plus(source.refresh()).toString();
        String kind = source.kind().label();
        SourceFetcher.Response response;
        try {
            response = fetcher.fetch(
                    source.url(), known == null ? null : known.etag(), known == null ? null : known.lastModified());
        } catch (IOException | RuntimeException e) {
            return failed(source, known, now, "fetch failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (response.status() == 304 && known != null && known.entries() > 0) {
            // Unchanged: nothing is parsed or written but the state.
            return new State(
                    source.id(),
                    kind,
                    "ok",
                    known.fetchedAt(),
                    next,
                    known.entries(),
                    known.etag(),
                    known.lastModified(),
                    null);
        }
        if (response.status() != 200) {
            return failed(source, known, now, "HTTP " + response.status());
        }
        SourceData data;
        try {
            data = source.format().parse(source, response.body());
        } catch (IOException | RuntimeException e) {
            return degraded(source, known, next, "unparsable download (" + e.getMessage() + ")");
        }
        int entries = data.entries();
        if (entries == 0 || (long) entries * 2 < previous) {
            // Keep what we have: a list that empties or halves overnight is far more likely broken than true.
            return degraded(
                    source, known, next, "the download had " + entries + " entries against " + previous + " before");
        }
        try {
            SourceStore.writeData(store, bucket, keys, source, data);
        } catch (IOException | RuntimeException e) {
            return failed(source, known, now, "could not store the source: " + e.getMessage());
        }
        return new State(
                source.id(), kind, "ok", now.toString(), next, entries, response.etag(), response.lastModified(), null);
    }

    private static State degraded(PublicSource source, State known, String next, String reason) {
        return new State(
                source.id(),
                source.kind().label(),
                "degraded",
                known == null ? null : known.fetchedAt(),
                next,
                known == null ? 0 : known.entries(),
                known == null ? null : known.etag(),
                known == null ? null : known.lastModified(),
                reason
                        + (known != null && known.entries() > 0
                                ? "; the previous copy is kept"
                                : "; nothing to use yet"));
    }

    /** The copy we hold stays in use; it is called stale once it is three refresh periods old. */
    private static State failed(PublicSource source, State known, Instant now, String error) {
        boolean stale = SourceStore.isStale(known == null ? null : known.fetchedAt(), source, now);
        return new State(
                source.id(),
                source.kind().label(),
                stale ? "stale" : known.state(),
                known == null ? null : known.fetchedAt(),
                now.plus(RETRY_AFTER_FAILURE).toString(),
                known == null ? 0 : known.entries(),
                known == null ? null : known.etag(),
                known == null ? null : known.lastModified(),
                error);
    }

    /** The stored states by source id; empty when none were stored or the index cannot be read. */
    static Map<String, State> readIndex(ObjectStore store, String bucket, SourceKeys keys) {
        try (ObjectStore.OpenObject object = store.open(bucket, keys.index(), null);
                InputStream in = object.content()) {
            return new TreeMap<>(JSON.readValue(in, new TypeReference<Map<String, State>>() {}));
        } catch (ObjectNotFoundException e) {
            return new TreeMap<>();
        } catch (IOException | RuntimeException e) {
            return new TreeMap<>(); // an unreadable index is a first fetch: the worst case is one download more each
        }
    }

    private void writeIndex(Map<String, State> index) {
        try {
            byte[] body = JSON.writeValueAsBytes(index);
            store.write(bucket, keys.index(), "application/json", out -> out.write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
