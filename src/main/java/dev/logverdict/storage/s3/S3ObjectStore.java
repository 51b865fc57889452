package dev.logverdict.storage.s3;

import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@link ObjectStore} on Amazon S3 (or any S3-compatible server via the endpoint override). */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public OpenObject open(String bucket, String key, String versionId) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (versionId != null && !versionId.isBlank()) {
            request.versionId(versionId);
        }
        ResponseInputStream<GetObjectResponse> stream;
        try {
            stream = s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException("s3://" + bucket + "/" + key + " no longer exists", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObjectNotFoundException("s3://" + bucket + "/" + key
                        + (versionId == null ? "" : " version " + versionId) + " no longer exists", e);
            }
            throw e;
        }
        GetObjectResponse response = stream.response();
        StoredObject metadata = new StoredObject(bucket, key, response.versionId(), unquote(response.eTag()),
                response.contentLength() == null ? -1 : response.contentLength());
        return new OpenObject() {
            @Override
            public InputStream content() {
                return stream;
            }

            @Override
            public StoredObject metadata() {
                return metadata;
            }

            @Override
            public void close() throws IOException {
                // Abort rather than drain: the rest of a large object is not wanted when we stop early.
                stream.abort();
                stream.close();
            }
        };
    }

    /**
     * Retried on connection-level failures (a pooled connection the server already closed surfaces as
     * "Unexpected end of file from server" and the SDK does not retry it); the body is written afresh each
     * time and a failed multipart upload is aborted, so a retry never leaves half a report behind.
     */
    @Override
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UncheckedIOException.class, SdkClientException.class})
    public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
        MultipartUploadStream out = new MultipartUploadStream(s3, bucket, key, contentType, PART_SIZE);
        try {
            body.writeTo(out);
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
    }

    @Override
    public boolean createIfAbsent(String bucket, String key, String contentType, byte[] body) {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).ifNoneMatch("*"),
                    RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            // 412: the object exists; 409: another writer is creating it right now. Either way it is not ours.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String bucket, String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    @Override
    public java.util.List<Listed> list(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(o -> new Listed(o.key(), o.lastModified(), o.size() == null ? -1 : o.size()))
                .toList();
    }

    private static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
