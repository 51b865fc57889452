package dev.logverdict.support;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * Test fixtures written to S3Proxy, trying again after a pause when the connection fails: S3Proxy in the test
 * JVM has closed a connection under a PUT even with every SDK attempt on a fresh connection. Only set-up
 * writes try again; what the code under test writes meets S3Proxy as it is.
 */
public final class FixtureWrites {

    private static final int ATTEMPTS = 4;

    private FixtureWrites() {}

    /** @return the object's ETag, unquoted */
    public static String put(S3Client s3, String bucket, String key, byte[] content) {
        for (int attempt = 1; ; attempt++) {
            try {
                return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content))
                        .eTag()
                        .replace("\"", "");
            } catch (SdkClientException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                System.err.println("set-up write of " + key + " failed, trying again: " + e);
                pause(Duration.ofSeconds(attempt));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up", e);
        }
    }
}
