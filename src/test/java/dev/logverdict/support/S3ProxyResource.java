package dev.logverdict.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

/** A real S3-protocol server in-process (S3Proxy over jclouds' transient store), with SigV4 auth. */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "soc-logs";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private S3Proxy proxy;
    private BlobStoreContext blobStore;
    private TlsCertificate certificate;

    /** Serves HTTPS only, with this certificate, instead of plain HTTP; call before {@link #start()}. */
    public S3ProxyResource overTls(TlsCertificate certificate) {
        this.certificate = certificate;
        return this;
    }

    @Override
    public Map<String, String> start() {
        try {
            Properties overrides = new Properties();
            blobStore = ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .overrides(overrides)
                    .build(BlobStoreContext.class);
            blobStore.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(new AtomicConditionalPuts(blobStore.getBlobStore()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
            if (certificate == null) {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            } else {
                builder.secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(certificate.keyStore().toString(), certificate.password());
            }
            proxy = builder.build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        return Map.of(
                // A fresh port per Quarkus start: the previous test class's event server may still hold the last one.
                "quarkus.lambda.mock-event-server.test-port",
                String.valueOf(freePort()),
                "quarkus.s3.endpoint-override",
                certificate == null
                        ? "http://127.0.0.1:" + proxy.getPort()
                        : "https://127.0.0.1:" + proxy.getSecurePort(),
                "quarkus.s3.path-style-access",
                "true",
                "quarkus.s3.aws.region",
                "us-east-1",
                "quarkus.s3.aws.credentials.type",
                "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id",
                ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key",
                SECRET_KEY);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception ignored) {
            // shutting down
        }
        if (blobStore != null) {
            blobStore.close();
        }
    }
}
