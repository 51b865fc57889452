package dev.logverdict.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.QuotaLedger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link QuotaLedger} as append-only records, one small object per invocation that spent something, under
 * {@code <cache-prefix>_quota/<UTC day>/}; the spend is in the key name, so one LIST sums the day. Nothing
 * is ever rewritten, so overlapping invocations cannot lose each other's spend, on any S3-compatible store.
 */
public final class S3QuotaLedger implements QuotaLedger {

    private static final Logger LOG = Logger.getLogger(S3QuotaLedger.class);
    private static final ObjectMapper JSON = S3VerdictCache.JSON;
    private static final Pattern SPENT = Pattern.compile("spent-(\\d{1,9})-[0-9a-f-]{36}\\.json");
    private static final Pattern EXHAUSTED = Pattern.compile("exhausted-(\\d{1,15})-[0-9a-f-]{36}\\.json");

    /** The stored form of one record (the key says the same; the body is for people auditing the spend). */
    public record Day(String day, int spent, Instant exhaustedUntil) {}

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
        String dayPrefix = prefixOf(day);
        long spent = 0;
        Instant exhaustedUntil = null;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dayPrefix))
                .contents()) {
            String name = object.key().substring(dayPrefix.length());
            Matcher spend = SPENT.matcher(name);
            Matcher exhausted = EXHAUSTED.matcher(name);
            if (spend.matches()) {
                spent += Long.parseLong(spend.group(1));
            } else if (exhausted.matches()) {
                Instant until = Instant.ofEpochMilli(Long.parseLong(exhausted.group(1)));
                exhaustedUntil = exhaustedUntil == null || until.isAfter(exhaustedUntil) ? until : exhaustedUntil;
            } else {
                LOG.warnf("ignoring s3://%s/%s: not a quota ledger record", bucket, object.key());
            }
        }
        return new Entry((int) Math.min(Integer.MAX_VALUE, spent), exhaustedUntil);
    }

    @Override
    public void add(LocalDate day, int moreSpent, Instant exhaustedUntil) {
        String run = UUID.randomUUID().toString();
        if (moreSpent > 0) {
            put(prefixOf(day) + "spent-" + moreSpent + "-" + run + ".json", new Day(day.toString(), moreSpent, null));
        }
        if (exhaustedUntil != null) {
            put(
                    prefixOf(day) + "exhausted-" + exhaustedUntil.toEpochMilli() + "-" + run + ".json",
                    new Day(day.toString(), 0, exhaustedUntil));
        }
    }

    private void put(String key, Day record) {
        try {
            byte[] body = JSON.writeValueAsBytes(record);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String prefixOf(LocalDate day) {
        return prefix + day + "/";
    }
}
