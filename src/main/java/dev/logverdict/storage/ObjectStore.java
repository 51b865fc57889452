package dev.logverdict.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reads logs from and writes reports to an object store. */
public interface ObjectStore {

    /** An object being read; close it to release the connection. */
    interface OpenObject extends AutoCloseable {
        InputStream content();

        StoredObject metadata();

        @Override
        void close() throws IOException;
    }

    /** Writes the body; called once with a stream the store owns. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Opens an object for streaming.
     *
     * @param versionId the version the event announced, or null for the current one
     * @throws ObjectNotFoundException when the object (or version) no longer exists
     */
    OpenObject open(String bucket, String key, String versionId) throws IOException;

    /** Replaces the object at bucket/key with what {@code body} writes. */
    void write(String bucket, String key, String contentType, BodyWriter body) throws IOException;

    /**
     * Writes a small object only if none exists at bucket/key, atomically (S3 conditional write).
     *
     * @return false when an object was already there
     */
    boolean createIfAbsent(String bucket, String key, String contentType, byte[] body);

    /**
     * The outcome of {@link #claim}: whether the object is ours, and otherwise what the other writer
     * stored (null when there is nothing there).
     */
    record Claim(boolean ours, byte[] existing) {}

    /**
     * Creates a small object only if none exists, and tells whether it is ours, also when the answer to
     * the conditional write was lost: the client then sends it again and meets its own object (412), or
     * sees an error although the write landed. The body must be unique to this writer (an attempt id),
     * so the stored bytes tell ours from another's.
     */
    default Claim claim(String bucket, String key, String contentType, byte[] uniqueBody) {
        RuntimeException failure = null;
        try {
            if (createIfAbsent(bucket, key, contentType, uniqueBody)) {
                return new Claim(true, null);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try (OpenObject existing = open(bucket, key, null)) {
            byte[] stored = existing.content().readAllBytes();
            return Arrays.equals(stored, uniqueBody) ? new Claim(true, null) : new Claim(false, stored);
        } catch (ObjectNotFoundException e) {
            if (failure != null) {
                throw failure;
            }
            return new Claim(false, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read s3://" + bucket + "/" + key, e);
        }
    }

    /** Removes an object; no error when it is already gone. */
    void delete(String bucket, String key);

    /** An object as listed; {@code eTag} (null when the store gives none) changes whenever its content does. */
    record Listed(String key, Instant lastModified, long size, String eTag) {

        public Listed(String key, Instant lastModified, long size) {
            this(key, lastModified, size, null);
        }
    }

    /** Objects under a prefix, in key order. */
    List<Listed> list(String bucket, String prefix);

    /**
     * Objects directly under a prefix ending in '/', in key order: not those in its sub-folders, which a
     * store lists apart (S3's delimiter), so they cost nothing to leave out.
     */
    List<Listed> listFolder(String bucket, String folder);

    /** The first {@code maxKeys} objects under a prefix, in key order, in one request. */
    List<Listed> list(String bucket, String prefix, int maxKeys);
}
