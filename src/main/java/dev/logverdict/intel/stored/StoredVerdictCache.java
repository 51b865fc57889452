package dev.logverdict.intel.stored;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.logverdict.intel.CacheUnavailableException;
import dev.logverdict.intel.CachedVerdict;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.VerdictCache;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.storage.ObjectAccessDeniedException;
import dev.logverdict.storage.ObjectNotFoundException;
import dev.logverdict.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link VerdictCache} as one small JSON object per IP in a folder of the object store. A run lists the
 * folder once and reads only the entries of IPs it has, in parallel: a log of many IPs and a cache of
 * fewer costs a few LIST pages plus the hits, not a GET per IP.
 */
public final class StoredVerdictCache implements VerdictCache {

    private static final System.Logger LOG = System.getLogger(StoredVerdictCache.class.getName());
    private static final int READERS = 16;
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The stored form: the raw reputation, so the verdict policy is applied when a report is made. */
    public record Entry(String ip, Instant fetchedAt, boolean notFound, Reputation reputation) {}

    private final ObjectStore store;
    private final String bucket;
    private final String folder;

    /** @param folder where the entries are, ending in '/'; its sub-folders (ledgers, markers) are not read */
    public StoredVerdictCache(ObjectStore store, String bucket, String folder) {
        this.store = store;
        this.bucket = bucket;
        this.folder = folder;
    }

    @Override
    public Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses) {
        Set<IpAddress> wanted = new HashSet<>(addresses);
        List<IpAddress> present = new ArrayList<>();
        try {
            for (ObjectStore.Listed listed : store.listFolder(bucket, folder)) {
                IpAddress ip = ipOf(listed.key());
                if (ip != null && wanted.contains(ip)) {
                    present.add(ip);
                }
            }
        } catch (RuntimeException e) {
            throw new CacheUnavailableException(
                    "cannot list the verdict cache s3://" + bucket + "/" + folder + ": " + e.getMessage()
                            + " (the function needs s3:ListBucket on that prefix)",
                    e);
        }
        Map<IpAddress, CachedVerdict> found = new ConcurrentHashMap<>();
        if (present.isEmpty()) {
            return found;
        }
        ExecutorService readers = Executors.newFixedThreadPool(Math.min(READERS, present.size()));
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (IpAddress ip : present) {
                reads.add(readers.submit(() -> read(ip).ifPresent(entry -> found.put(ip, entry))));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CacheUnavailableException unavailable) {
                throw unavailable;
            }
            throw new CacheUnavailableException("reading the verdict cache failed: " + e.getCause(), e.getCause());
        } finally {
            readers.shutdownNow();
        }
        return found;
    }

    private Optional<CachedVerdict> read(IpAddress ip) {
        String key = keyOf(ip);
        try (ObjectStore.OpenObject object = store.open(bucket, key, null);
                InputStream in = object.content()) {
            Entry entry = JSON.readValue(in.readAllBytes(), Entry.class);
            if (entry.fetchedAt() == null || (!entry.notFound() && entry.reputation() == null)) {
                LOG.log(Level.WARNING, "ignoring incomplete cache entry s3://{0}/{1}", bucket, key);
                return Optional.empty();
            }
            return Optional.of(new CachedVerdict(entry.notFound() ? null : entry.reputation(), entry.fetchedAt()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (ObjectAccessDeniedException e) {
            throw new CacheUnavailableException(
                    "cannot read cache entry s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // A corrupt entry (half-written, edited by hand) or a failed read is a miss: the IP is looked up
            // and its entry rewritten.
            LOG.log(
                    Level.WARNING,
                    "cache entry s3://{0}/{1} unreadable ({2}); treated as a miss",
                    bucket,
                    key,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void store(IpAddress address, CachedVerdict verdict) {
        String key = keyOf(address);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(
                    new Entry(address.toString(), verdict.fetchedAt(), verdict.notFound(), verdict.reputation()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise cache entry", e);
        }
        try {
            store.write(bucket, key, "application/json", out -> out.write(body));
        } catch (IOException | RuntimeException e) {
            throw new CacheUnavailableException(
                    "cannot write cache entry s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    String keyOf(IpAddress ip) {
        return folder + ip + ".json";
    }

    private IpAddress ipOf(String key) {
        if (!key.startsWith(folder) || !key.endsWith(".json")) {
            return null;
        }
        String name = key.substring(folder.length(), key.length() - ".json".length());
        return name.indexOf('/') >= 0 ? null : IpAddressParser.parse(name);
    }
}
