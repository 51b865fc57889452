package dev.logverdict.support;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Test housekeeping on the S3 server. */
public final class S3Buckets {

    private S3Buckets() {}

    public static void deleteAll(S3Client s3, String bucket, String prefix) {
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
    }
}
