package dev.logverdict.storage.s3;

import dev.logverdict.storage.ObjectStore;
import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.TlsCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading logs from S3Proxy over HTTPS, as the function reads S3: the object and its metadata, whole. */
class S3ObjectStoreReadTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    private static LocalS3 server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new LocalS3(TlsCertificate.in(Path.of("target/test-tls")));
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1000, 20 * 1024 * 1024 + 12_345})
    void readsTheObjectByteForByteWithItsMetadata(int size) throws IOException {
        byte[] object = new byte[size];
        new Random(size).nextBytes(object);
        String key = "logs/read/" + size + ".log";
        String eTag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(object))
                .eTag()
                .replace("\"", "");

        try (ObjectStore.OpenObject open = new S3ObjectStore(s3).open(BUCKET, key, null)) {
            assertThat(open.metadata().size()).isEqualTo(size);
            assertThat(open.metadata().eTag()).isEqualTo(eTag);
            assertThat(open.content().readAllBytes()).isEqualTo(object);
        }
    }
}
