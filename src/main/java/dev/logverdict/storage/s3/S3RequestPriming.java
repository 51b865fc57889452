package dev.logverdict.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the S3 client's request and response code at init without the network: a client of the same SDK
 * classes whose HTTP layer answers from memory as S3 answers, for every operation the store uses
 * (objects read, written, written only if absent, listed, deleted, and multipart uploads), so the first
 * scan after a SnapStart restore does not load and first-run the SDK's marshalling, signing, checksums
 * and response parsing (docs/performance.md, "Start-up").
 */
public final class S3RequestPriming {

    static final String BUCKET = "logverdict-priming";
    static final String MISSING = "missing.json";
    private static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";
    private static final String ETAG_IN_XML = ETAG.replace("\"", "&quot;");
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.US_ASCII);

    private S3RequestPriming() {}

    /** @return what each call came back with, in order, as the store would see it */
    public static List<String> run() {
        List<String> outcomes = new ArrayList<>();
        try (S3Client client = S3Client.builder()
                .httpClient(new AnswersFromMemory())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://priming.invalid"))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build()) {
            client.putObject(
                    r -> r.bucket(BUCKET).key("report.json").contentType("application/json"),
                    RequestBody.fromBytes(BODY));
            outcomes.add("PutObject");
            try {
                client.putObject(r -> r.bucket(BUCKET).key("claim.json").ifNoneMatch("*"), RequestBody.fromBytes(BODY));
                outcomes.add("PutObject If-None-Match: stored");
            } catch (S3Exception e) {
                outcomes.add("PutObject If-None-Match: " + e.statusCode());
            }
            try (ResponseInputStream<GetObjectResponse> in =
                    client.getObject(r -> r.bucket(BUCKET).key("log"))) {
                outcomes.add("GetObject: " + in.readAllBytes().length + " bytes, eTag "
                        + in.response().eTag());
            }
            try {
                client.getObject(r -> r.bucket(BUCKET).key(MISSING)).close();
                outcomes.add("GetObject missing: found");
            } catch (NoSuchKeyException e) {
                outcomes.add("GetObject missing: NoSuchKey");
            }
            outcomes.add("ListObjectsV2: "
                    + client.listObjectsV2(
                                    r -> r.bucket(BUCKET).prefix("cache/").maxKeys(10))
                            .contents()
                            .size()
                    + " key");
            outcomes.add("ListObjectsV2 paginated: "
                    + client
                            .listObjectsV2Paginator(
                                    r -> r.bucket(BUCKET).prefix("cache/").delimiter("/"))
                            .contents()
                            .stream()
                            .count()
                    + " key");
            String uploadId = client.createMultipartUpload(r -> r.bucket(BUCKET).key("big.json"))
                    .uploadId();
            String part = client.uploadPart(
                            r -> r.bucket(BUCKET)
                                    .key("big.json")
                                    .uploadId(uploadId)
                                    .partNumber(1),
                            RequestBody.fromBytes(BODY))
                    .eTag();
            client.completeMultipartUpload(r -> r.bucket(BUCKET)
                    .key("big.json")
                    .uploadId(uploadId)
                    .multipartUpload(u -> u.parts(
                            CompletedPart.builder().partNumber(1).eTag(part).build())));
            outcomes.add("multipart upload " + uploadId);
            client.abortMultipartUpload(r -> r.bucket(BUCKET).key("big.json").uploadId(uploadId));
            client.deleteObject(r -> r.bucket(BUCKET).key("claim.json"));
            outcomes.add("AbortMultipartUpload, DeleteObject");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcomes;
    }

    /** S3's answers, by method and query, with the headers and XML bodies the SDK parses. */
    private static final class AnswersFromMemory implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        // The SDK computes the body's checksum as it is read: read it as a connection would.
                        try (InputStream body =
                                request.contentStreamProvider().get().newStream()) {
                            body.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    return answer(request.httpRequest());
                }

                @Override
                public void abort() {
                    // Nothing is in flight.
                }
            };
        }

        private static HttpExecuteResponse answer(SdkHttpRequest request) {
            SdkHttpMethod method = request.method();
            if (method == SdkHttpMethod.GET && request.rawQueryParameters().containsKey("list-type")) {
                return xml(
                        200,
                        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                + "<Name>" + BUCKET + "</Name><Prefix>cache/</Prefix><KeyCount>1</KeyCount>"
                                + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>cache/a.json</Key>"
                                + "<LastModified>2026-12-05T10:00:00.000Z</LastModified><ETag>" + ETAG_IN_XML
                                + "</ETag>"
                                + "<Size>5</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>");
            }
            if (method == SdkHttpMethod.GET && request.encodedPath().endsWith(MISSING)) {
                return xml(
                        404,
                        "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>" + "<Key>"
                                + MISSING + "</Key><RequestId>priming</RequestId></Error>");
            }
            if (method == SdkHttpMethod.GET) {
                return response(200, "application/octet-stream", BODY);
            }
            if (method == SdkHttpMethod.PUT
                    && request.firstMatchingHeader("If-None-Match").isPresent()) {
                return xml(
                        412,
                        "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions"
                                + " you specified did not hold</Message><Condition>If-None-Match</Condition>"
                                + "<RequestId>priming</RequestId></Error>");
            }
            if (method == SdkHttpMethod.POST && request.rawQueryParameters().containsKey("uploads")) {
                return xml(
                        200,
                        "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                + "<Bucket>" + BUCKET
                                + "</Bucket><Key>big.json</Key><UploadId>priming-upload</UploadId>"
                                + "</InitiateMultipartUploadResult>");
            }
            if (method == SdkHttpMethod.POST) {
                return xml(
                        200,
                        "<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                + "<Location>http://priming.invalid/" + BUCKET + "/big.json</Location><Bucket>" + BUCKET
                                + "</Bucket><Key>big.json</Key><ETag>" + ETAG_IN_XML + "</ETag>"
                                + "</CompleteMultipartUploadResult>");
            }
            if (method == SdkHttpMethod.DELETE) {
                return response(204, null, new byte[0]);
            }
            // PutObject and UploadPart (query) both answer with the stored body's ETag.
            return response(200, null, new byte[0]);
        }

        private static HttpExecuteResponse xml(int status, String body) {
            return response(
                    status,
                    "application/xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8));
        }

        private static HttpExecuteResponse response(int status, String contentType, byte[] body) {
            SdkHttpFullResponse.Builder response = SdkHttpFullResponse.builder()
                    .statusCode(status)
                    .putHeader("x-amz-request-id", "priming")
                    .putHeader("ETag", ETAG)
                    .putHeader("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT")
                    .putHeader("Content-Length", String.valueOf(body.length));
            if (contentType != null) {
                response.putHeader("Content-Type", contentType);
            }
            return HttpExecuteResponse.builder()
                    .response(response.build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                    .build();
        }

        @Override
        public void close() {
            // Holds nothing.
        }
    }
}
