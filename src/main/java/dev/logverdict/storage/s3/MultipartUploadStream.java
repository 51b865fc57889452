package dev.logverdict.storage.s3;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An output stream that lands in S3 with memory bounded by a few parts: a small body is one PutObject, a
 * large one (reports for 100 k IPs run to tens of MB) becomes a multipart upload whose parts go up while
 * the next ones are written. The object appears only on a successful close; a failure aborts the upload
 * so no half report is ever visible.
 */
final class MultipartUploadStream extends OutputStream {

    /** The first buffer grows from this size: most objects written (pages, cache entries) are small. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private static final AtomicInteger UPLOADERS = new AtomicInteger();

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final int partSize;
    private final int partsInFlight;
    /** Full-size buffers whose upload finished, ready for the next part. */
    private final Deque<byte[]> freeBuffers = new ArrayDeque<>();

    /** Full-size buffers beyond its first that uploads running at once may hold between them. */
    private final Semaphore spareBuffers;

    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private int fullSizeBuffers;
    private int spareBuffersHeld;
    private byte[] buffer;
    private int filled;
    private String uploadId;
    private ExecutorService uploader;
    private boolean closed;

    /**
     * @param partsInFlight how many parts may be uploading while the next one fills; memory is at most
     *     {@code (partsInFlight + 1) * partSize}
     * @param spareBuffers full-size buffers beyond each upload's first, shared by the uploads of one store:
     *     an upload takes one only when it is free, else waits for its own parts, so uploads running at once
     *     never wait on each other and hold at most their own first buffer plus the spares between them
     */
    MultipartUploadStream(
            S3Client s3,
            String bucket,
            String key,
            String contentType,
            int partSize,
            int partsInFlight,
            Semaphore spareBuffers) {
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("partsInFlight must be at least 1, not " + partsInFlight);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
        this.spareBuffers = spareBuffers;
        this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            makeRoom();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == buffer.length) {
                makeRoom();
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    private void makeRoom() throws IOException {
        if (closed) {
            throw new IOException("s3://" + bucket + "/" + key + ": the upload was already closed");
        }
        if (buffer.length < partSize) {
            byte[] grown = new byte[Math.min(partSize, buffer.length * 2)];
            System.arraycopy(buffer, 0, grown, 0, filled);
            buffer = grown;
            if (grown.length == partSize) {
                fullSizeBuffers++;
            }
            return;
        }
        try {
            submitPart();
            buffer = nextBuffer();
        } catch (IOException | RuntimeException e) {
            // Closing after this is a no-op: the exception thrown here is the stream's one failure.
            abort();
            throw e;
        }
        filled = 0;
    }

    private void submitPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType))
                    .uploadId();
            uploader = Executors.newFixedThreadPool(partsInFlight, task -> {
                Thread thread = new Thread(task, "s3-part-upload-" + UPLOADERS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        int partNumber = parts.size() + 1;
        byte[] bytes = buffer;
        int length = filled;
        String id = uploadId;
        parts.add(uploader.submit(() -> {
            try {
                String eTag = s3.uploadPart(
                                b -> b.bucket(bucket).key(key).uploadId(id).partNumber(partNumber), body(bytes, length))
                        .eTag();
                return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
            } finally {
                release(bytes);
            }
        }));
    }

    /**
     * A free full-size buffer: a new one while fewer than allowed exist and a spare is free, else the next
     * one of its own released.
     */
    private byte[] nextBuffer() throws IOException {
        synchronized (freeBuffers) {
            while (true) {
                failIfAPartFailed();
                if (!freeBuffers.isEmpty()) {
                    return freeBuffers.pop();
                }
                if (fullSizeBuffers < partsInFlight + 1 && spareBuffers.tryAcquire()) {
                    fullSizeBuffers++;
                    spareBuffersHeld++;
                    return new byte[partSize];
                }
                try {
                    freeBuffers.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while uploading s3://" + bucket + "/" + key);
                }
            }
        }
    }

    private void release(byte[] bytes) {
        synchronized (freeBuffers) {
            freeBuffers.push(bytes);
            freeBuffers.notifyAll();
        }
    }

    private void failIfAPartFailed() {
        for (Future<CompletedPart> part : parts) {
            if (part.isDone()) {
                completed(part);
            }
        }
    }

    /** The part's outcome; a failed upload's own exception, so callers (and retries) see what S3 said. */
    private static CompletedPart completed(Future<CompletedPart> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a part upload", e);
        }
    }

    private static RequestBody body(byte[] bytes, int length) {
        // No copy: the buffer stays untouched until the request (with any retry of it) is done.
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
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
                        body(buffer, filled));
                return;
            }
            if (filled > 0) {
                submitPart();
            }
            List<CompletedPart> done = new ArrayList<>(parts.size());
            for (Future<CompletedPart> part : parts) {
                done.add(completed(part));
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(done).build()));
            stopUploader();
        } catch (RuntimeException e) {
            abort();
            throw e;
        } finally {
            returnSpareBuffers();
        }
    }

    /** Called when the writer failed: the partial report must never become visible. */
    void abort() {
        closed = true;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            parts.forEach(part -> part.cancel(true));
            stopUploader();
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
            } catch (RuntimeException ignored) {
                // The bucket's lifecycle rule for incomplete uploads cleans up what this could not.
            }
        }
        returnSpareBuffers();
    }

    /** Once no part is sending any more: the buffers go with this stream, their spares to the next upload. */
    private void returnSpareBuffers() {
        synchronized (freeBuffers) {
            spareBuffers.release(spareBuffersHeld);
            spareBuffersHeld = 0;
        }
    }

    private void stopUploader() {
        if (uploader == null) {
            return;
        }
        uploader.shutdownNow();
        try {
            // A part still sending when the upload is aborted would otherwise land after the abort.
            uploader.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
