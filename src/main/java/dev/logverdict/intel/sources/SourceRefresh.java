package dev.logverdict.intel.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the public blocklists current: each one that is due is fetched (conditionally), checked, and
 * written under the feeds prefix as {@code <id>.txt}, where every scan loads it. A health guard keeps the
 * previous copy when a download is empty or has lost more than half of its entries (a broken mirror or a
 * truncated download must not unblock an attacker); its state ({@code ok}, {@code degraded}, {@code stale})
 * is kept under the cache prefix for operators and the next run.
 */
public final class SourceRefresh {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** After a failed attempt, the next one comes this much later (not every minute). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(15);

    /** What is known of one source; stored as JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record State(String id, String state, String fetchedAt, String nextAttempt, int entries, String etag,
                        String lastModified, String lastError) {
    }

    private final ObjectStore store;
    private final SourceFetcher fetcher;
    private final String bucket;
    private final String feedsPrefix;
    private final String statePrefix;

    public SourceRefresh(ObjectStore store, SourceFetcher fetcher, String bucket, String feedsPrefix, String cachePrefix) {
        this.store = store;
        this.fetcher = fetcher;
        this.bucket = bucket;
        this.feedsPrefix = feedsPrefix;
        this.statePrefix = cachePrefix + "_sources/";
    }

    /** Refreshes every source that is due; returns the states after this run. */
    public List<State> refreshDue(List<PublicSource> sources, Instant now) {
        List<State> states = new ArrayList<>();
        for (PublicSource source : sources) {
            State known = read(source.id());
            if (known != null && known.nextAttempt() != null && Instant.parse(known.nextAttempt()).isAfter(now)) {
                states.add(known);
                continue;
            }
            State updated = refresh(source, known, now);
            write(updated);
            states.add(updated);
        }
        return states;
    }

    private State refresh(PublicSource source, State known, Instant now) {
        int previous = known == null ? 0 : known.entries();
        String next = now.plus(source.refresh()).toString();
        SourceFetcher.Response response;
        try {
            response = fetcher.fetch(source.url(), known == null ? null : known.etag(), known == null ? null : known.lastModified());
        } catch (IOException | RuntimeException e) {
            return failed(source, known, now, "fetch failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (response.status() == 304 && known != null && known.entries() > 0) {
            return new State(source.id(), "ok", now.toString(), next, known.entries(), known.etag(), known.lastModified(), null);
        }
        if (response.status() != 200) {
            return failed(source, known, now, "HTTP " + response.status());
        }
        Blocklist list;
        try {
            list = Blocklist.parse(source.id(), new InputStreamReader(new java.io.ByteArrayInputStream(response.body()),
                    StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return failed(source, known, now, "unreadable list: " + e.getMessage());
        }
        int entries = list.entries().size();
        if (entries == 0 || entries < previous / 2) {
            // Keep what we have: a list that empties or halves overnight is far more likely broken than true.
            return new State(source.id(), "degraded", known == null ? null : known.fetchedAt(), next, previous,
                    known == null ? null : known.etag(), known == null ? null : known.lastModified(),
                    "the download had " + entries + " entries against " + previous + " before; the previous copy is kept");
        }
        try {
            store.write(bucket, feedsPrefix + source.id() + ".txt", "text/plain;charset=utf-8", out -> out.write(response.body()));
        } catch (IOException | RuntimeException e) {
            return failed(source, known, now, "could not store the list: " + e.getMessage());
        }
        return new State(source.id(), "ok", now.toString(), next, entries, response.etag(), response.lastModified(), null);
    }

    /** The copy we hold stays in use; it is called stale once it is three refresh periods old. */
    private State failed(PublicSource source, State known, Instant now, String error) {
        boolean stale = known == null || known.fetchedAt() == null
                || Instant.parse(known.fetchedAt()).plus(source.refresh().multipliedBy(3)).isBefore(now);
        return new State(source.id(), stale ? "stale" : known.state(), known == null ? null : known.fetchedAt(),
                now.plus(RETRY_AFTER_FAILURE).toString(), known == null ? 0 : known.entries(),
                known == null ? null : known.etag(), known == null ? null : known.lastModified(), error);
    }

    private State read(String id) {
        try (ObjectStore.OpenObject object = store.open(bucket, statePrefix + id + ".json", null); InputStream in = object.content()) {
            return JSON.readValue(in, State.class);
        } catch (ObjectNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable state is a first fetch: the worst case is one download more
        }
    }

    private void write(State state) {
        try {
            byte[] body = JSON.writeValueAsBytes(state);
            store.write(bucket, statePrefix + state.id() + ".json", "application/json", out -> out.write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
