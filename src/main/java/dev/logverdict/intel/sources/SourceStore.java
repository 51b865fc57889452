package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.AsnTable;
import dev.logverdict.storage.ObjectStore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads the stored public sources for a scan. A warm container keeps what it loaded and reloads a source
 * only when the index names a newer copy, so a scan usually costs one small read, and the ASN table is
 * read once per container and per download, not once per scan.
 */
public final class SourceStore {

    private record Loaded(String fetchedAt, SourceData data) {}

    private final ObjectStore store;
    private final SourceKeys keys;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public SourceStore(ObjectStore store, String cachePrefix) {
        this.store = store;
        this.keys = new SourceKeys(cachePrefix);
    }

    /**
     * The enabled sources as stored in this bucket, with the state of each as a scan at {@code now} sees it:
     * a copy older than three refresh periods is {@code stale} whatever the index says, and a source that
     * cannot be read is {@code unavailable}, with the reason. The user's own blocklists come first.
     */
    public OfflineIntel load(String bucket, List<PublicSource> sources, List<Blocklist> userFeeds, Instant now) {
        Map<String, SourceRefresh.State> index = SourceRefresh.readIndex(store, bucket, keys);
        OfflineIntel.Builder intel = new OfflineIntel.Builder(userFeeds);
        for (PublicSource source : sources) {
            SourceRefresh.State state = index.get(source.id());
            if (state == null || state.fetchedAt() == null || state.entries() == 0) {
                intel.status(new OfflineIntel.SourceStatus(
                        source.id(),
                        source.kind().label(),
                        "unavailable",
                        null,
                        0,
                        state == null ? "not fetched yet: the scheduled run fetches it" : state.lastError()));
                continue;
            }
            String cacheKey = bucket + "/" + source.id();
            Loaded copy = loaded.get(cacheKey);
            if (copy == null || !copy.fetchedAt().equals(state.fetchedAt())) {
                try {
                    copy = new Loaded(state.fetchedAt(), readData(bucket, source));
                    loaded.put(cacheKey, copy);
                } catch (IOException | RuntimeException e) {
                    if (copy == null) {
                        intel.status(new OfflineIntel.SourceStatus(
                                source.id(),
                                source.kind().label(),
                                "unavailable",
                                state.fetchedAt(),
                                0,
                                "could not be read: " + e.getMessage()));
                        continue;
                    }
                    // the copy this container holds stays in use; the state says why it is older
                }
            }
            String effective = isStale(copy.fetchedAt(), source, now) ? "stale" : state.state();
            String reason = "stale".equals(effective) && state.lastError() == null
                    ? "fetched " + copy.fetchedAt() + ", older than three refresh periods"
                    : state.lastError();
            intel.add(
                    source,
                    copy.data(),
                    new OfflineIntel.SourceStatus(
                            source.id(),
                            source.kind().label(),
                            effective,
                            copy.fetchedAt(),
                            copy.data().entries(),
                            reason));
        }
        return intel.build();
    }

    static boolean isStale(String fetchedAt, PublicSource source, Instant now) {
        return fetchedAt == null
                || Instant.parse(fetchedAt)
                        .plus(source.refresh().multipliedBy(3))
                        .isBefore(now);
    }

    private SourceData readData(String bucket, PublicSource source) throws IOException {
        try (ObjectStore.OpenObject object = store.open(bucket, keys.data(source), null);
                InputStream in = new BufferedInputStream(object.content(), 1 << 16)) {
            if (source.kind() == SourceKind.ENRICHMENT) {
                return new SourceData.Networks(AsnTable.readFrom(new GZIPInputStream(in, 1 << 16)));
            }
            return new SourceData.Ranges(
                    Blocklist.readLabelled(source.id(), new InputStreamReader(in, StandardCharsets.UTF_8)));
        }
    }

    static void writeData(ObjectStore store, String bucket, SourceKeys keys, PublicSource source, SourceData data)
            throws IOException {
        if (data instanceof SourceData.Networks networks) {
            store.write(bucket, keys.data(source), "application/octet-stream", out -> {
                GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(out, 1 << 16), 1 << 16);
                networks.table().writeTo(gzip);
                gzip.finish();
                gzip.flush();
            });
        } else if (data instanceof SourceData.Ranges ranges) {
            store.write(bucket, keys.data(source), "text/tab-separated-values;charset=utf-8", out -> {
                Writer writer = new OutputStreamWriter(new BufferedOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
                ranges.ranges().writeLabelled(writer);
                writer.flush();
            });
        }
    }

    /** For tests and the bench: the sources this store has loaded into memory. */
    public List<String> loadedSources() {
        return new ArrayList<>(loaded.keySet());
    }
}
