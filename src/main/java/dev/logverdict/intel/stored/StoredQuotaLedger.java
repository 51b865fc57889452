package dev.logverdict.intel.stored;

import dev.logverdict.intel.QuotaLedger;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link QuotaLedger} as append-only records, one small object per invocation that spent something, under
 * {@code <folder>_quota/<UTC day>/}; the spend is in the key name, so one LIST sums the day. Nothing is
 * ever rewritten, so overlapping invocations cannot lose each other's spend, on any S3-compatible store.
 */
public final class StoredQuotaLedger implements QuotaLedger {

    private static final System.Logger LOG = System.getLogger(StoredQuotaLedger.class.getName());
    private static final Pattern SPENT = Pattern.compile("spent-(\\d{1,9})-[0-9a-f-]{36}\\.json");
    private static final Pattern EXHAUSTED = Pattern.compile("exhausted-(\\d{1,15})-[0-9a-f-]{36}\\.json");

    /** The stored form of one record (the key says the same; the body is for people auditing the spend). */
    public record Day(String day, int spent, Instant exhaustedUntil) {}

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;

    /** @param folder the provider's cache folder, ending in '/'; the ledger is in its {@code _quota/} */
    public StoredQuotaLedger(ObjectStore store, String bucket, String folder) {
        this.store = store;
        this.bucket = bucket;
        this.prefix = folder + "_quota/";
    }

    @Override
    public Entry read(LocalDate day) {
        String dayPrefix = prefixOf(day);
        long spent = 0;
        Instant exhaustedUntil = null;
        for (ObjectStore.Listed listed : store.list(bucket, dayPrefix)) {
            String name = listed.key().substring(dayPrefix.length());
            Matcher spend = SPENT.matcher(name);
            Matcher exhausted = EXHAUSTED.matcher(name);
            if (spend.matches()) {
                spent += Long.parseLong(spend.group(1));
            } else if (exhausted.matches()) {
                Instant until = Instant.ofEpochMilli(Long.parseLong(exhausted.group(1)));
                exhaustedUntil = exhaustedUntil == null || until.isAfter(exhaustedUntil) ? until : exhaustedUntil;
            } else {
                LOG.log(Level.WARNING, "ignoring s3://{0}/{1}: not a quota ledger record", bucket, listed.key());
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
            byte[] body = StoredVerdictCache.JSON.writeValueAsBytes(record);
            store.write(bucket, key, "application/json", out -> out.write(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String prefixOf(LocalDate day) {
        return prefix + day + "/";
    }
}
