package dev.logverdict.intel.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The waiting lookups, one small object per scanned object version under {@code <cache-prefix>_pending/}
 * in the report bucket (named by a hash of bucket, key and version, so any key makes a safe name).
 */
public final class LookupQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;

    public LookupQueue(ObjectStore store, String bucket, String cachePrefix) {
        this.store = store;
        this.bucket = bucket;
        this.prefix = cachePrefix + "_pending/";
    }

    public String keyOf(PendingLookups.Source source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((source.bucket() + "\n" + source.key() + "\n"
                                    + (source.versionId() != null ? source.versionId() : source.eTag()))
                            .getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public List<String> keys() {
        return store.list(bucket, prefix).stream()
                .map(ObjectStore.Listed::key)
                .filter(k -> k.endsWith(".json"))
                .toList();
    }

    public Optional<PendingLookups> read(String key) {
        try (ObjectStore.OpenObject object = store.open(bucket, key, null);
                InputStream in = object.content()) {
            return Optional.of(JSON.readValue(in, PendingLookups.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable pending lookups s3://" + bucket + "/" + key, e);
        }
    }

    public void write(String key, PendingLookups pending) {
        try {
            byte[] body = JSON.writeValueAsBytes(pending);
            store.write(bucket, key, "application/json", out -> out.write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String key) {
        store.delete(bucket, key);
    }
}
