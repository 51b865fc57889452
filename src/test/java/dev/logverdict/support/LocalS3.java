package dev.logverdict.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

/** S3Proxy started outside Quarkus, for adapter tests and benches, with a client for it. */
public final class LocalS3 implements AutoCloseable {

    private final S3ProxyResource proxy = new S3ProxyResource();
    private final Map<String, String> config;
    private final TlsCertificate certificate;

    /** Over plain HTTP. */
    public LocalS3() {
        this(null);
    }

    /** Over HTTPS with this certificate, or plain HTTP when it is null. */
    public LocalS3(TlsCertificate certificate) {
        this.certificate = certificate;
        if (certificate != null) {
            proxy.overTls(certificate);
        }
        config = proxy.start();
    }

    /** The settings the function needs to use this server (the quarkus.s3.* keys). */
    public Map<String, String> config() {
        return config;
    }

    public String endpoint() {
        return config.get("quarkus.s3.endpoint-override");
    }

    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .httpClient(
                        certificate == null
                                ? UrlConnectionHttpClient.create()
                                : UrlConnectionHttpClient.builder()
                                        .tlsTrustManagersProvider(certificate::trustManagers)
                                        .build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyResource.ACCESS_KEY, S3ProxyResource.SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        proxy.stop();
    }
}
