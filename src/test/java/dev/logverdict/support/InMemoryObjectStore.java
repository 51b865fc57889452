package dev.logverdict.support;

import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An object store in a map, for use-case tests that need no S3 server; one bucket's keys per "bucket/key". */
public class InMemoryObjectStore implements ObjectStore {

    public final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    /** Every key written and opened, in order: tests count what a step cost. */
    public final List<String> writes = new CopyOnWriteArrayList<>();

    public final List<String> reads = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;

    public InMemoryObjectStore() {
        this(Instant::now);
    }

    /** @param clock stamps each object's last-modified time, as the store's own clock would */
    public InMemoryObjectStore(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public OpenObject open(String bucket, String key, String versionId) throws IOException {
        byte[] body = objects.get(bucket + "/" + key);
        reads.add(key);
        if (body == null) {
            throw new ObjectNotFoundException("s3://" + bucket + "/" + key + " no longer exists", null);
        }
        return new OpenObject() {
            @Override
            public InputStream content() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public StoredObject metadata() {
                return new StoredObject(bucket, key, null, eTagOf(body), body.length);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        objects.put(bucket + "/" + key, out.toByteArray());
        modified.put(bucket + "/" + key, clock.get());
        writes.add(key);
    }

    @Override
    public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
        boolean created = objects.putIfAbsent(bucket + "/" + key, body.clone()) == null;
        if (created) {
            modified.put(bucket + "/" + key, clock.get());
        }
        return created;
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
        modified.remove(bucket + "/" + key);
    }

    @Override
    public List<Listed> list(String bucket, String prefix) {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(bucket + "/" + prefix))
                .map(e -> new Listed(
                        e.getKey().substring(bucket.length() + 1),
                        modified.getOrDefault(e.getKey(), Instant.EPOCH),
                        e.getValue().length,
                        eTagOf(e.getValue())))
                .toList();
    }

    @Override
    public List<Listed> listFolder(String bucket, String folder) {
        return list(bucket, folder).stream()
                .filter(listed -> listed.key().indexOf('/', folder.length()) < 0)
                .toList();
    }

    @Override
    public List<Listed> list(String bucket, String prefix, int maxKeys) {
        return list(bucket, prefix).stream().limit(maxKeys).toList();
    }

    private static String eTagOf(byte[] body) {
        return Integer.toHexString(Arrays.hashCode(body));
    }
}
