package dev.logverdict.storage.s3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers from memory are ones the SDK parses as S3's: each call takes the path a real one takes
 * (typed results and typed errors), so priming runs that code and not the SDK's error handling instead.
 */
class S3RequestPrimingTest {

    @Test
    void everyOperationTheStoreUsesGetsTheAnswerItWouldGetFromS3() {
        assertThat(S3RequestPriming.run())
                .containsExactly(
                        "PutObject",
                        "PutObject If-None-Match: 412",
                        "GetObject: 5 bytes, eTag \"5d41402abc4b2a76b9719d911017c592\"",
                        "GetObject missing: NoSuchKey",
                        "ListObjectsV2: 1 key",
                        "ListObjectsV2 paginated: 1 key",
                        "multipart upload priming-upload",
                        "AbortMultipartUpload, DeleteObject");
    }
}
