package dev.logverdict.local;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jboss.logging.Logger;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The local run's bucket (only built with -Dlocal, only active in dev mode): an in-memory S3 server
 * (S3Proxy) on the port the dev profile points the function at, seeded with the sample log and the bundled
 * blocklist, so the first report appears with no action. Everything after that is the production path.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class LocalBucket {

    private static final Logger LOG = Logger.getLogger(LocalBucket.class);

    @ConfigProperty(name = "logverdict.local.bucket", defaultValue = "soc-logs")
    String bucket;

    @ConfigProperty(name = "logverdict.local.s3-port", defaultValue = "8001")
    int port;

    @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.access-key-id")
    String accessKey;

    @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.secret-access-key")
    String secretKey;

    @ConfigProperty(name = "logverdict.input-prefix")
    String inputPrefix;

    @ConfigProperty(name = "logverdict.feeds-prefix")
    String feedsPrefix;

    private S3Proxy proxy;
    private BlobStoreContext store;

    void start(@Observes StartupEvent ignored, S3Client s3, BucketNotifications notifications) throws Exception {
        store = ContextBuilder.newBuilder("transient").credentials("local", "local").build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, bucket);
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        seed(s3);
        notifications.watch(bucket);
        LOG.infof("""

                logverdict local run: bucket s3://%s on http://127.0.0.1:%d (credentials %s / %s)
                  drop a log:   aws --endpoint-url http://127.0.0.1:%d s3 cp my.log s3://%s/%s
                  read report:  aws --endpoint-url http://127.0.0.1:%d s3 cp s3://%s/reports/my.log.json -
                """, bucket, port, accessKey, secretKey, port, bucket, inputPrefix, port, bucket);
    }

    private void seed(S3Client s3) throws IOException {
        Path sample = Path.of("docs/examples/access.log");
        if (Files.isRegularFile(sample)) {
            s3.putObject(b -> b.bucket(bucket).key(inputPrefix + "demo/access.log"), RequestBody.fromFile(sample));
        }
        Path feeds = Path.of("docs/local/feeds");
        if (Files.isDirectory(feeds)) {
            try (Stream<Path> files = Files.list(feeds)) {
                for (Path feed : files.filter(Files::isRegularFile).toList()) {
                    s3.putObject(b -> b.bucket(bucket).key(feedsPrefix + feed.getFileName()), RequestBody.fromFile(feed));
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent ignored) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (store != null) {
            store.close();
        }
    }
}
