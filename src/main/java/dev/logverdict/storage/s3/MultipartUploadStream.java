package dev.logverdict.storage.s3;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An output stream that lands in S3 with memory bounded by one part: a small body is one PutObject, a
 * large one (reports for 100 k IPs run to tens of MB) becomes a multipart upload. The object appears
 * only on a successful close; a failure aborts the upload so no half report is ever visible.
 */
final class MultipartUploadStream extends OutputStream {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final byte[] part;
    private final List<CompletedPart> completed = new ArrayList<>();
    private int filled;
    private String uploadId;
    private boolean closed;

    MultipartUploadStream(S3Client s3, String bucket, String key, String contentType, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == part.length) {
            flushPart();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == part.length) {
                flushPart();
            }
            int n = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    private void flushPart() {
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(
                                b -> b.bucket(bucket).key(key).contentType(contentType))
                        .uploadId();
            }
            int partNumber = completed.size() + 1;
            String eTag = s3.uploadPart(
                            b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                            RequestBody.fromBytes(Arrays.copyOf(part, filled)))
                    .eTag();
            completed.add(
                    CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            filled = 0;
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (uploadId == null) {
                s3.putObject(
                        PutObjectRequest.builder()
                                .bucket(bucket)
                                .key(key)
                                .contentType(contentType)
                                .build(),
                        RequestBody.fromBytes(Arrays.copyOf(part, filled)));
                return;
            }
            if (filled > 0) {
                flushPart();
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(completed).build()));
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Called when the writer failed: the partial report must never become visible. */
    void abort() {
        closed = true;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
            } catch (RuntimeException ignored) {
                // The bucket's lifecycle rule for incomplete uploads cleans up what this could not.
            }
        }
    }
}
