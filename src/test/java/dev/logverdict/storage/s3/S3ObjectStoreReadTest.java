package dev.logverdict.storage.s3;

import dev.logverdict.storage.ObjectStore;
import dev.logverdict.support.FixtureWrites;
import dev.logverdict.support.LocalS3Extension;
import dev.logverdict.support.S3ProxyResource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading logs from S3Proxy over HTTPS, as the function reads S3: the object and its metadata, whole. */
class S3ObjectStoreReadTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @RegisterExtension
    static final LocalS3Extension S3 = LocalS3Extension.overTls();

    @ParameterizedTest
    @ValueSource(ints = {0, 1000, 20 * 1024 * 1024 + 12_345})
    void readsTheObjectByteForByteWithItsMetadata(int size) throws IOException {
        byte[] object = new byte[size];
        new Random(size).nextBytes(object);
        String key = "logs/read/" + size + ".log";
        String eTag = FixtureWrites.put(S3.client(), BUCKET, key, object);

        try (ObjectStore.OpenObject open = new S3ObjectStore(S3.client()).open(BUCKET, key, null)) {
            assertThat(open.metadata().size()).isEqualTo(size);
            assertThat(open.metadata().eTag()).isEqualTo(eTag);
            assertThat(open.content().readAllBytes()).isEqualTo(object);
        }
        // A listing names the same version of it: what a cache of parsed objects is keyed by.
        assertThat(new S3ObjectStore(S3.client()).list(BUCKET, key))
                .singleElement()
                .extracting(ObjectStore.Listed::eTag)
                .isEqualTo(eTag);
    }
}
