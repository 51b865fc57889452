package dev.logverdict.storage.s3;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.report.ocsf.SecurityLakeLocation;
import dev.logverdict.scan.SecurityLakeStore;
import dev.logverdict.scan.Settings;
import dev.logverdict.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.net.URI;
import java.util.Optional;

/**
 * The store for Security Lake's bucket. Security Lake gives each custom source a role to write with; with
 * {@code logverdict.ocsf.security-lake.role-arn} the function assumes it (with the external ID) and keeps the
 * temporary credentials fresh; without it the function's own role writes. Application-scoped, so nothing is
 * built until the first detection goes to the lake.
 */
@ApplicationScoped
public class SecurityLakeStores {

    @Produces
    @ApplicationScoped
    @SecurityLakeStore
    ObjectStore securityLake(LogVerdictConfig config, @Default ObjectStore own) {
        LogVerdictConfig.SecurityLake settings = config.ocsf().securityLake();
        Optional<SecurityLakeLocation> lake = Settings.securityLakeOf(config);
        if (lake.isEmpty() || settings.roleArn().isEmpty()) {
            return own;
        }
        String region = lake.get().region();
        return new S3ObjectStore(assumedRoleClient(
                DefaultCredentialsProvider.builder().build(),
                region,
                settings.roleArn().get(),
                settings.externalId(),
                settings.stsEndpointOverride(),
                Optional.empty()));
    }

    /**
     * An S3 client that writes as {@code roleArn}, its credentials renewed by STS before they expire.
     *
     * @param own the function's credentials, which STS takes to hand out the role's
     */
    static S3Client assumedRoleClient(
            AwsCredentialsProvider own,
            String region,
            String roleArn,
            Optional<String> externalId,
            Optional<URI> stsEndpoint,
            Optional<URI> s3Endpoint) {
        StsClientBuilder sts = StsClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(own);
        stsEndpoint.ifPresent(sts::endpointOverride);
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(request -> {
                    request.roleArn(roleArn).roleSessionName("logverdict");
                    externalId.ifPresent(request::externalId);
                })
                .build();
        var s3 = S3Client.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials);
        s3Endpoint.ifPresent(endpoint -> s3.endpointOverride(endpoint).forcePathStyle(true));
        return s3.build();
    }
}
