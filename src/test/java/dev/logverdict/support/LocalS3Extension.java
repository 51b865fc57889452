package dev.logverdict.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;

/**
 * S3Proxy for one test class, started before its tests and stopped after them, with a client for it:
 * {@code @RegisterExtension static final LocalS3Extension S3 = LocalS3Extension.overTls();}.
 */
public final class LocalS3Extension implements BeforeAllCallback, AfterAllCallback {

    private final TlsCertificate certificate;
    private LocalS3 server;
    private S3Client client;

    private LocalS3Extension(TlsCertificate certificate) {
        this.certificate = certificate;
    }

    /** Over plain HTTP. */
    public static LocalS3Extension plain() {
        return new LocalS3Extension(null);
    }

    /** Over HTTPS: the SDK then sends bodies as it does to S3 in Lambda (unsigned, with a trailing checksum). */
    public static LocalS3Extension overTls() {
        return new LocalS3Extension(TlsCertificate.in(Path.of("target/test-tls")));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new LocalS3(certificate);
        client = server.client();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    public S3Client client() {
        return client;
    }
}
