package dev.logverdict.support;

import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** An object store in a map, for use-case tests that need no S3 server; one bucket's keys per "bucket/key". */
public class InMemoryObjectStore implements ObjectStore {

    public final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public OpenObject open(String bucket, String key, String versionId) {
        byte[] body = objects.get(bucket + "/" + key);
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
                return new StoredObject(bucket, key, null, Integer.toHexString(java.util.Arrays.hashCode(body)), body.length);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        objects.put(bucket + "/" + key, out.toByteArray());
    }

    @Override
    public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
        return objects.putIfAbsent(bucket + "/" + key, body.clone()) == null;
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
    }

    @Override
    public List<Listed> list(String bucket, String prefix) {
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(bucket + "/" + prefix))
                .map(e -> new Listed(e.getKey().substring(bucket.length() + 1), Instant.EPOCH, e.getValue().length))
                .toList();
    }
}
