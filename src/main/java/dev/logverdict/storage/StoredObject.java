package dev.logverdict.storage;

/** An object's identity as the store reports it when read. */
public record StoredObject(String bucket, String key, String versionId, String eTag, long size) {}
