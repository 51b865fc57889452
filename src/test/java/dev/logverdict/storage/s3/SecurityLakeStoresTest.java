package dev.logverdict.storage.s3;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writing to Security Lake as the custom source's role: STS is asked for the role with the external ID, and
 * the object is signed with the role's temporary credentials, not the function's (WireMock stands in for
 * both STS and the lake's bucket).
 */
class SecurityLakeStoresTest {

    private static final String ROLE =
            "arn:aws:iam::210987654321:role/AmazonSecurityLake-Provider-logverdict-eu-west-1";

    private WireMockServer aws;

    @BeforeEach
    void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort());
        aws.start();
        String expiry = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("""
                                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                                  <AssumeRoleResult>
                                    <Credentials>
                                      <AccessKeyId>ASIALAKEROLEEXAMPLE</AccessKeyId>
                                      <SecretAccessKey>lake-secret</SecretAccessKey>
                                      <SessionToken>lake-session-token</SessionToken>
                                      <Expiration>%s</Expiration>
                                    </Credentials>
                                    <AssumedRoleUser>
                                      <Arn>%s/logverdict</Arn>
                                      <AssumedRoleId>AROAEXAMPLE:logverdict</AssumedRoleId>
                                    </AssumedRoleUser>
                                  </AssumeRoleResult>
                                  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
                                </AssumeRoleResponse>""".formatted(expiry, ROLE))));
        aws.stubFor(put(urlPathEqualTo("/aws-security-data-lake-eu-west-1-abc/ext/logverdict/part.gz.parquet"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e1\"")));
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void assumesTheCustomSourcesRoleWithTheExternalIdAndWritesWithItsCredentials() throws Exception {
        URI endpoint = URI.create(aws.baseUrl());
        try (S3Client s3 = SecurityLakeStores.assumedRoleClient(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")),
                "eu-west-1",
                ROLE,
                Optional.of("soc-external-id"),
                Optional.of(endpoint),
                Optional.of(endpoint))) {
            new S3ObjectStore(s3)
                    .write(
                            "aws-security-data-lake-eu-west-1-abc",
                            "ext/logverdict/part.gz.parquet",
                            "application/vnd.apache.parquet",
                            out -> out.write("PAR1".getBytes(StandardCharsets.US_ASCII)));
        }

        List<LoggedRequest> assumed = aws.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(assumed).hasSize(1);
        String form = assumed.get(0).getBodyAsString();
        assertThat(form)
                .contains("RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F"))
                .contains("ExternalId=soc-external-id")
                .contains("RoleSessionName=logverdict");
        assertThat(assumed.get(0).getHeader("Authorization")).contains("Credential=AKIDFUNCTION/");

        List<LoggedRequest> written = aws.findAll(putRequestedFor(
                urlPathEqualTo("/aws-security-data-lake-eu-west-1-abc/ext/logverdict/part.gz.parquet")));
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getHeader("Authorization")).contains("Credential=ASIALAKEROLEEXAMPLE/");
        assertThat(written.get(0).getHeader("X-Amz-Security-Token")).isEqualTo("lake-session-token");
    }

    @Test
    void aRoleThatCannotBeAssumedFailsTheWriteAndPutsNothing() {
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("""
                                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                                  <Error><Type>Sender</Type><Code>AccessDenied</Code>
                                  <Message>not authorized to perform: sts:AssumeRole</Message></Error>
                                  <RequestId>r-2</RequestId>
                                </ErrorResponse>""")));
        URI endpoint = URI.create(aws.baseUrl());

        try (S3Client s3 = SecurityLakeStores.assumedRoleClient(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFUNCTION", "function-secret")),
                "eu-west-1",
                ROLE,
                Optional.empty(),
                Optional.of(endpoint),
                Optional.of(endpoint))) {
            assertThatThrownBy(() -> new S3ObjectStore(s3)
                            .write(
                                    "lake",
                                    "ext/logverdict/part.gz.parquet",
                                    "application/vnd.apache.parquet",
                                    out -> out.write(1)))
                    .hasMessageContaining("sts:AssumeRole");
        }

        assertThat(aws.findAll(putRequestedFor(urlPathEqualTo("/lake/ext/logverdict/part.gz.parquet"))))
                .isEmpty();
    }
}
