package dev.logverdict.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.QuotaLedger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link QuotaLedger} as one JSON object per UTC day ({@code <cache-prefix>_quota/2026-11-27.json}).
 * Read-modify-write without locking: concurrent invocations may lose an update, so the count can fall
 * short by the lookups of one overlapping run; with the default reserved concurrency of 1 they never overlap.
 */
public final class S3QuotaLedger implements QuotaLedger {

    private static final Logger LOG = Logger.getLogger(S3QuotaLedger.class);
    private static final ObjectMapper JSON = S3VerdictCache.JSON;

    /** The stored form. */
    public record Day(String day, int spent, Instant exhaustedUntil) {
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3QuotaLedger(S3Client s3, String bucket, String cachePrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = cachePrefix + "_quota/";
    }

    @Override
    public Entry read(LocalDate day) {
        try {
            Day stored = JSON.readValue(s3.getObjectAsBytes(b -> b.bucket(bucket).key(keyOf(day))).asByteArray(), Day.class);
            return new Entry(Math.max(0, stored.spent()), stored.exhaustedUntil());
        } catch (NoSuchKeyException e) {
            return Entry.EMPTY;
        } catch (IOException e) {
            LOG.warnf("quota ledger s3://%s/%s is corrupt; counting from zero", bucket, keyOf(day));
            return Entry.EMPTY;
        }
    }

    @Override
    public void add(LocalDate day, int moreSpent, Instant exhaustedUntil) {
        Entry current = read(day);
        Day updated = new Day(day.toString(), current.spent() + moreSpent,
                exhaustedUntil != null ? exhaustedUntil : current.exhaustedUntil());
        try {
            byte[] body = JSON.writeValueAsBytes(updated);
            s3.putObject(b -> b.bucket(bucket).key(keyOf(day)).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String keyOf(LocalDate day) {
        return prefix + day + ".json";
    }
}
