package dev.logverdict.storage.s3;

import dev.logverdict.intel.QuotaLedger;
import dev.logverdict.support.LocalS3;
import dev.logverdict.support.S3ProxyResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger against a real S3 server, written by many invocations at once. */
class S3QuotaLedgerTest {

    private static LocalS3 server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new LocalS3();
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void concurrentUpdatesAreNeverLost() throws Exception {
        LocalDate day = LocalDate.parse("2026-11-27");
        int writers = 8;
        int updatesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                // Each writer is its own invocation: its own ledger object over the shared bucket.
                QuotaLedger ledger = new S3QuotaLedger(s3, S3ProxyResource.BUCKET, "cache/concurrent/");
                done.add(pool.submit(() -> {
                    for (int update = 0; update < updatesEach; update++) {
                        ledger.add(day, 3, null);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        QuotaLedger.Entry entry = new S3QuotaLedger(s3, S3ProxyResource.BUCKET, "cache/concurrent/").read(day);
        assertThat(entry.spent()).isEqualTo(writers * updatesEach * 3);
    }

    @Test
    void anExhaustionMarkSurvivesLaterUpdatesThatDoNotSetOne() {
        LocalDate day = LocalDate.parse("2026-11-28");
        S3QuotaLedger ledger = new S3QuotaLedger(s3, S3ProxyResource.BUCKET, "cache/mark/");
        Instant until = Instant.parse("2026-11-28T10:15:00Z");

        ledger.add(day, 4, until);
        ledger.add(day, 1, null);

        assertThat(ledger.read(day)).isEqualTo(new QuotaLedger.Entry(5, until));
    }
}
