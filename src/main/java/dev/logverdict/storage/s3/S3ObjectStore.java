package dev.logverdict.storage.s3;

import dev.logverdict.storage.ObjectAccessDeniedException;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Semaphore;

/** {@link ObjectStore} on Amazon S3 (or any S3-compatible server via the endpoint override). */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    static final int PART_SIZE = 5 * 1024 * 1024;
    /** Parts sending while the next one is written: the report's JSON is made faster than one stream sends. */
    static final int PARTS_IN_FLIGHT = 2;

    /** A dropped connection while reading a log is resumed this often (ranged GET from where it broke). */
    static final int MAX_RESUMES = 3;

    static final long FIRST_RESUME_PAUSE_MILLIS = 200;

    private final S3Client s3;
    /** Part buffers beyond each upload's first, shared by the uploads running at once (a report and its files). */
    private final Semaphore spareBuffers;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
        this.spareBuffers = new Semaphore(sparePartBuffers(Runtime.getRuntime().maxMemory()));
    }

    /**
     * One spare part buffer per 128 MB of heap above 256 MB, at most the parts in flight of two uploads (the
     * JSON report and the findings object). At the smallest memory setting the heap holds a 100 k-client
     * scan, its report and the ASN table with nothing to spare, so each upload fills and sends one part at
     * a time there (see docs/performance.md, "Memory at the smallest settings").
     */
    static int sparePartBuffers(long maxHeapBytes) {
        long megabytes = maxHeapBytes >> 20;
        return (int) Math.max(0, Math.min(2L * PARTS_IN_FLIGHT, (megabytes - 256) / 128));
    }

    @Override
    public OpenObject open(String bucket, String key, String versionId) throws IOException {
        ResponseInputStream<GetObjectResponse> stream = get(bucket, key, versionId, null, null);
        GetObjectResponse response = stream.response();
        StoredObject metadata = new StoredObject(
                bucket,
                key,
                response.versionId(),
                unquote(response.eTag()),
                response.contentLength() == null ? -1 : response.contentLength(),
                response.lastModified());
        // A resumed read asks for the same version and eTag: bytes of a newer upload never get spliced in.
        String pinnedVersion = response.versionId() != null ? response.versionId() : versionId;
        ResumingInputStream content = new ResumingInputStream(
                stream,
                metadata.size(),
                position -> get(bucket, key, pinnedVersion, response.eTag(), position),
                MAX_RESUMES,
                FIRST_RESUME_PAUSE_MILLIS,
                Thread::sleep);
        return new OpenObject() {
            @Override
            public InputStream content() {
                return content;
            }

            @Override
            public StoredObject metadata() {
                return metadata;
            }

            @Override
            public void close() throws IOException {
                content.close();
            }
        };
    }

    private ResponseInputStream<GetObjectResponse> get(
            String bucket, String key, String versionId, String ifMatch, Long from) throws IOException {
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(bucket).key(key);
        if (versionId != null && !versionId.isBlank()) {
            request.versionId(versionId);
        }
        if (ifMatch != null) {
            request.ifMatch(ifMatch);
        }
        if (from != null) {
            request.range("bytes=" + from + "-");
        }
        String object = "s3://" + bucket + "/" + key + (versionId == null ? "" : " version " + versionId);
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(object + " no longer exists", e);
        } catch (S3Exception e) {
            switch (e.statusCode()) {
                case 404 -> throw new ObjectNotFoundException(object + " no longer exists", e);
                case 403 ->
                    throw new ObjectAccessDeniedException(
                            "access to " + object + " was denied ("
                                    + errorCode(e)
                                    + "): the function's role needs s3:GetObject on the input prefix, and "
                                    + "kms:Decrypt when the object is encrypted with a customer-managed key",
                            e);
                case 412 ->
                    throw new IOException(
                            object + " changed while it was being read; the event of the new " + "version scans it", e);
                default ->
                    throw new IOException(
                            "reading " + object + " failed: HTTP " + e.statusCode() + " " + errorCode(e), e);
            }
        } catch (SdkClientException e) {
            throw new IOException("reading " + object + " failed: " + e.getMessage(), e);
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "no error code"
                : e.awsErrorDetails().errorCode();
    }

    /**
     * Retried on connection-level failures (a pooled connection the server already closed surfaces as
     * "Unexpected end of file from server" and the SDK does not retry it); the body is written afresh each
     * time and a failed multipart upload is aborted, so a retry never leaves half a report behind.
     */
    @Override
    @Retry(
            maxRetries = 2,
            delay = 200,
            jitter = 100,
            retryOn = {UncheckedIOException.class, SdkClientException.class})
    public void write(String bucket, String key, String contentType, BodyWriter body) throws IOException {
        MultipartUploadStream out =
                new MultipartUploadStream(s3, bucket, key, contentType, PART_SIZE, PARTS_IN_FLIGHT, spareBuffers);
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
            s3.putObject(
                    request -> request.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .ifNoneMatch("*"),
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
    public List<Listed> list(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3ObjectStore::listed)
                .toList();
    }

    @Override
    public List<Listed> listFolder(String bucket, String folder) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder).delimiter("/")).contents().stream()
                .map(S3ObjectStore::listed)
                .toList();
    }

    @Override
    public List<Listed> list(String bucket, String prefix, int maxKeys) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(maxKeys)).contents().stream()
                .map(S3ObjectStore::listed)
                .toList();
    }

    private static Listed listed(S3Object object) {
        return new Listed(
                object.key(),
                object.lastModified(),
                object.size() == null ? -1 : object.size(),
                unquote(object.eTag()));
    }

    private static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
