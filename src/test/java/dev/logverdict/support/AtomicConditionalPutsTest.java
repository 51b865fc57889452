package dev.logverdict.support;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' S3 keeps S3's promise for conditional creates: of writers racing for one key, never more
 * than one wins. (Without {@link AtomicConditionalPuts}, S3Proxy lets several win, in the first rounds of
 * this test already.) A winner whose answer is lost sees 412 on the SDK's retry, so a round can show no
 * winner; the product tells that case apart by the body it wrote.
 */
class AtomicConditionalPutsTest {

    @Test
    void ofSixWritersRacingForOneKeyNeverMoreThanOneWins() throws Exception {
        try (LocalS3 local = new LocalS3();
                S3Client s3 = local.client()) {
            for (int round = 0; round < 50; round++) {
                String key = "race/" + round;
                AtomicInteger winners = new AtomicInteger();
                AtomicInteger preconditionFailed = new AtomicInteger();
                ExecutorService writers = Executors.newFixedThreadPool(6);
                CountDownLatch go = new CountDownLatch(1);
                for (int writer = 0; writer < 6; writer++) {
                    int id = writer;
                    writers.execute(() -> {
                        try {
                            go.await();
                            s3.putObject(
                                    b -> b.bucket(S3ProxyResource.BUCKET)
                                            .key(key)
                                            .ifNoneMatch("*"),
                                    RequestBody.fromString("writer " + id));
                            winners.incrementAndGet();
                        } catch (S3Exception e) {
                            if (e.statusCode() == 412) {
                                preconditionFailed.incrementAndGet();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                go.countDown();
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                assertThat(winners.get()).as("round %d", round).isLessThanOrEqualTo(1);
                assertThat(preconditionFailed.get())
                        .as("round %d: the others were refused", round)
                        .isGreaterThanOrEqualTo(4);
                assertThat(s3.getObjectAsBytes(
                                        b -> b.bucket(S3ProxyResource.BUCKET).key(key))
                                .asUtf8String())
                        .as("round %d", round)
                        .startsWith("writer ");
            }
        }
    }
}
