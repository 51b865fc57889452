package dev.logverdict.storage.s3;

import dev.logverdict.support.LocalS3Extension;
import dev.logverdict.support.S3ProxyResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report's way into S3, against S3Proxy: whole objects or none, parts sent while the next is written. */
class MultipartUploadStreamTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;
    // S3's smallest part but the last.
    private static final int PART = 5 * 1024 * 1024;

    @RegisterExtension
    static final LocalS3Extension S3 = LocalS3Extension.overTls();

    @Test
    void aLargeBodyArrivesWholeAsAMultipartUploadWrittenInOddPieces() throws IOException {
        byte[] body = randomBytes(3 * PART + 12_345);
        try (MultipartUploadStream out = new MultipartUploadStream(
                S3.client(), BUCKET, "large.json", "application/json", PART, 2, new Semaphore(2))) {
            writeInOddPieces(out, body);
        }

        var stored = S3.client().getObject(b -> b.bucket(BUCKET).key("large.json"), ResponseTransformer.toBytes());
        assertThat(stored.asByteArray()).isEqualTo(body);
        GetObjectResponse response = stored.response();
        assertThat(response.eTag()).endsWith("-4\"");
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void aSmallBodyIsOnePutWithItsContentType() throws IOException {
        byte[] body = randomBytes(200_000);
        try (MultipartUploadStream out =
                new MultipartUploadStream(S3.client(), BUCKET, "small.html", "text/html", PART, 2, new Semaphore(2))) {
            writeInOddPieces(out, body);
        }

        var stored = S3.client().getObject(b -> b.bucket(BUCKET).key("small.html"), ResponseTransformer.toBytes());
        assertThat(stored.asByteArray()).isEqualTo(body);
        assertThat(stored.response().eTag()).doesNotContain("-");
        assertThat(stored.response().contentType()).isEqualTo("text/html");
    }

    @Test
    void partsGoUpWhileTheNextOnesAreWrittenButNeverMoreThanAllowed() throws IOException {
        CountDownLatch secondPartStarted = new CountDownLatch(1);
        AtomicInteger sending = new AtomicInteger();
        AtomicInteger mostSending = new AtomicInteger();
        AtomicInteger firstPartWaited = new AtomicInteger(-1);
        S3Client watched = intercepting(S3.client(), (request, send) -> {
            int now = sending.incrementAndGet();
            mostSending.accumulateAndGet(now, Math::max);
            try {
                if (request.partNumber() == 2) {
                    secondPartStarted.countDown();
                }
                if (request.partNumber() == 1) {
                    // Part 2 can only start if part 1 is still sending: the writer did not wait for it.
                    firstPartWaited.set(secondPartStarted.await(30, TimeUnit.SECONDS) ? 1 : 0);
                }
                send.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sending.decrementAndGet();
            }
        });
        byte[] body = randomBytes(6 * PART);

        try (MultipartUploadStream out = new MultipartUploadStream(
                watched, BUCKET, "parallel.json", "application/json", PART, 2, new Semaphore(2))) {
            writeInOddPieces(out, body);
        }

        assertThat(firstPartWaited.get())
                .as("part 2 started while part 1 was sending")
                .isEqualTo(1);
        assertThat(mostSending.get()).isEqualTo(2);
        assertThat(S3.client()
                        .getObjectAsBytes(b -> b.bucket(BUCKET).key("parallel.json"))
                        .asByteArray())
                .isEqualTo(body);
    }

    @Test
    void withNoSpareBufferAnUploadSendsOnePartAtATimeAndArrivesWhole() throws IOException {
        AtomicInteger sending = new AtomicInteger();
        AtomicInteger mostSending = new AtomicInteger();
        S3Client watched = intercepting(S3.client(), (request, send) -> {
            mostSending.accumulateAndGet(sending.incrementAndGet(), Math::max);
            try {
                send.run();
            } finally {
                sending.decrementAndGet();
            }
        });
        byte[] body = randomBytes(4 * PART + 777);
        Semaphore noSpare = new Semaphore(0);

        try (MultipartUploadStream out =
                new MultipartUploadStream(watched, BUCKET, "one-buffer.json", "application/json", PART, 2, noSpare)) {
            writeInOddPieces(out, body);
        }

        assertThat(mostSending.get())
                .as("one full-size buffer: it is sent before it is filled again")
                .isEqualTo(1);
        assertThat(S3.client()
                        .getObjectAsBytes(b -> b.bucket(BUCKET).key("one-buffer.json"))
                        .asByteArray())
                .isEqualTo(body);
    }

    @Test
    void aSpareBufferIsTakenOnlyWhileItsUploadRunsAndThenGivenBack() throws Exception {
        CountDownLatch firstPartMayGo = new CountDownLatch(1);
        S3Client slowFirstPart = intercepting(S3.client(), (request, send) -> {
            if (request.partNumber() == 1) {
                firstPartMayGo.await(30, TimeUnit.SECONDS);
            }
            send.run();
        });
        Semaphore spares = new Semaphore(1);
        byte[] body = randomBytes(2 * PART - 1);

        MultipartUploadStream out =
                new MultipartUploadStream(slowFirstPart, BUCKET, "spare.json", "application/json", PART, 2, spares);
        writeInOddPieces(out, body);
        assertThat(spares.availablePermits())
                .as("part 1 is still sending, so the second buffer is the spare")
                .isZero();
        firstPartMayGo.countDown();
        out.close();

        assertThat(spares.availablePermits()).isEqualTo(1);
        assertThat(S3.client()
                        .getObjectAsBytes(b -> b.bucket(BUCKET).key("spare.json"))
                        .asByteArray())
                .isEqualTo(body);
    }

    @Test
    void aPartThatFailsAbortsTheUploadAndLeavesNoObject() {
        S3Client failing = intercepting(S3.client(), (request, send) -> {
            if (request.partNumber() == 2) {
                throw SdkClientException.create("connection reset while sending part 2");
            }
            send.run();
        });
        Semaphore spares = new Semaphore(2);

        assertThatThrownBy(() -> {
                    try (MultipartUploadStream out = new MultipartUploadStream(
                            failing, BUCKET, "failed-part.json", "application/json", PART, 2, spares)) {
                        writeInOddPieces(out, randomBytes(4 * PART));
                    }
                })
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("part 2");
        assertThat(spares.availablePermits())
                .as("the spares go back when the upload is aborted")
                .isEqualTo(2);

        assertThatThrownBy(() -> S3.client().headObject(b -> b.bucket(BUCKET).key("failed-part.json")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void aWriterThatFailsHalfwayLeavesNoObjectAndNoUpload() {
        S3ObjectStore store = new S3ObjectStore(S3.client());

        assertThatThrownBy(() -> store.write(BUCKET, "half.json", "application/json", out -> {
                    out.write(randomBytes(3 * S3ObjectStore.PART_SIZE));
                    throw new IOException("the report could not be built");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("the report could not be built");

        assertThatThrownBy(() -> S3.client().headObject(b -> b.bucket(BUCKET).key("half.json")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void theSmallestMemorySettingHasNoSparePartBufferAndLargerOnesSomeUpToTwoUploadsWorth() {
        long megabyte = 1L << 20;
        // Lambda's java runtime gives the heap 85 % of the memory setting.
        assertThat(S3ObjectStore.sparePartBuffers(217 * megabyte)).isZero();
        assertThat(S3ObjectStore.sparePartBuffers(435 * megabyte)).isEqualTo(1);
        assertThat(S3ObjectStore.sparePartBuffers(870 * megabyte)).isEqualTo(2 * S3ObjectStore.PARTS_IN_FLIGHT);
        assertThat(S3ObjectStore.sparePartBuffers(8_700 * megabyte)).isEqualTo(2 * S3ObjectStore.PARTS_IN_FLIGHT);
    }

    private static int pendingUploads() {
        return S3.client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
    }

    private static void writeInOddPieces(MultipartUploadStream out, byte[] body) throws IOException {
        int offset = 0;
        int piece = 1;
        while (offset < body.length) {
            if (piece % 7 == 0) {
                out.write(body[offset++]);
            } else {
                int length = Math.min(body.length - offset, piece * 9_973);
                out.write(body, offset, length);
                offset += length;
            }
            piece++;
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** What a test does around one part's upload; {@code send} performs it. */
    private interface PartInterceptor {
        void around(UploadPartRequest request, Runnable send) throws InterruptedException;
    }

    @SuppressWarnings("unchecked")
    private static S3Client intercepting(S3Client real, PartInterceptor interceptor) {
        return (S3Client) Proxy.newProxyInstance(
                S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
                    if (method.getName().equals("uploadPart") && args[0] instanceof Consumer<?> mutation) {
                        UploadPartRequest request = UploadPartRequest.builder()
                                .applyMutation((Consumer<UploadPartRequest.Builder>) mutation)
                                .build();
                        Object[] result = new Object[1];
                        interceptor.around(request, () -> result[0] = real.uploadPart(request, (RequestBody) args[1]));
                        return result[0];
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
