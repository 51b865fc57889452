package dev.logverdict.bench;

import dev.logverdict.storage.s3.S3ObjectStore;
import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3ProxyResource;
import dev.logverdict.support.TlsCertificate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * How fast the end-to-end bench's S3 peer is on its own: S3Proxy over HTTPS in this process, read and
 * written by a warm client in the same process (the SDK's URL-connection client, the report written
 * through {@link S3ObjectStore} as the function writes it). What the function does end to end cannot be
 * faster than its peer allows.
 *
 * <pre>
 * java -Xmx5g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.logverdict.bench.S3PeerBench /tmp/access_1g.log 110 3
 * </pre>
 *
 * Arguments: a file to GET back, the size of the report to write in MB, runs.
 */
public final class S3PeerBench {

    private S3PeerBench() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        int reportMb = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        byte[] megabyte = new byte[1 << 20];
        new Random(1).nextBytes(megabyte);
        try (LocalS3 server = new LocalS3(TlsCertificate.in(Path.of("target/bench-tls")));
                S3Client s3 = server.client()) {
            String bucket = S3ProxyResource.BUCKET;
            s3.putObject(b -> b.bucket(bucket).key("logs/peer.log"), RequestBody.fromFile(log));
            S3ObjectStore store = new S3ObjectStore(s3);
            byte[] buffer = new byte[1 << 16];
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                long read = 0;
                try (InputStream in = s3.getObject(b -> b.bucket(bucket).key("logs/peer.log"))) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read += n;
                    }
                }
                long got = System.nanoTime();
                store.write(bucket, "reports/peer.json", "application/json", out -> {
                    for (int i = 0; i < reportMb; i++) {
                        out.write(megabyte);
                    }
                });
                long written = System.nanoTime();
                System.out.printf(
                        "run %d: GET %,d bytes in %,d ms = %.0f MB/s; write %d MB in %,d ms = %.0f MB/s%n",
                        run,
                        read,
                        (got - start) / 1_000_000,
                        read / 1e6 / ((got - start) / 1e9),
                        reportMb,
                        (written - got) / 1_000_000,
                        reportMb * 1.048576 / ((written - got) / 1e9));
            }
        }
    }
}
