package dev.logverdict.storage;

import java.time.Instant;

/**
 * An object's identity as the store reports it when read.
 *
 * @param lastModified when the store took this version in, or null when it did not say
 */
public record StoredObject(String bucket, String key, String versionId, String eTag, long size, Instant lastModified) {

    public StoredObject(String bucket, String key, String versionId, String eTag, long size) {
        this(bucket, key, versionId, eTag, size, null);
    }
}
