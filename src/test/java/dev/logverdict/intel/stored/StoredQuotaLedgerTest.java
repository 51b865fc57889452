package dev.logverdict.intel.stored;

import dev.logverdict.intel.QuotaLedger;
import dev.logverdict.storage.ObjectStore;
import dev.logverdict.storage.s3.S3ObjectStore;
import dev.logverdict.support.InMemoryObjectStore;
import dev.logverdict.support.LocalS3Extension;
import dev.logverdict.support.S3ProxyResource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger on a real S3 server (S3Proxy) and on the in-memory store, written by many invocations at once. */
class StoredQuotaLedgerTest {

    private static final String BUCKET = S3ProxyResource.BUCKET;

    @RegisterExtension
    static final LocalS3Extension S3 = LocalS3Extension.plain();

    private static ObjectStore store(String kind) {
        return kind.equals("s3") ? new S3ObjectStore(S3.client()) : new InMemoryObjectStore();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "memory"})
    void concurrentUpdatesAreNeverLost(String kind) throws Exception {
        ObjectStore store = store(kind);
        LocalDate day = LocalDate.parse("2026-11-27");
        String folder = "cache/concurrent-" + kind + "/";
        int writers = 8;
        int updatesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                // Each writer is its own invocation: its own ledger object over the shared bucket.
                QuotaLedger ledger = new StoredQuotaLedger(store, BUCKET, folder);
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

        QuotaLedger.Entry entry = new StoredQuotaLedger(store, BUCKET, folder).read(day);
        assertThat(entry.spent()).isEqualTo(writers * updatesEach * 3);
        assertThat(store.list(BUCKET, folder + "_quota/2026-11-27/")).hasSize(writers * updatesEach);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "memory"})
    void anExhaustionMarkSurvivesLaterUpdatesThatDoNotSetOne(String kind) {
        LocalDate day = LocalDate.parse("2026-11-28");
        StoredQuotaLedger ledger = new StoredQuotaLedger(store(kind), BUCKET, "cache/mark-" + kind + "/");
        Instant until = Instant.parse("2026-11-28T10:15:00Z");

        ledger.add(day, 4, until);
        ledger.add(day, 1, null);

        assertThat(ledger.read(day)).isEqualTo(new QuotaLedger.Entry(5, until));
    }
}
