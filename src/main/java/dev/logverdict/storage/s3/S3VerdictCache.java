package dev.logverdict.storage.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.logverdict.intel.CacheUnavailableException;
import dev.logverdict.intel.CachedVerdict;
import dev.logverdict.intel.Reputation;
import dev.logverdict.intel.VerdictCache;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link VerdictCache} as one small JSON object per IP under the cache prefix. A run lists the prefix
 * once (a thousand keys per request) and reads only the entries of IPs it has, in parallel: a log with
 * 100 k IPs and a cache of 20 k entries costs ~20 LIST calls plus the hits, not 100 k GETs.
 */
public final class S3VerdictCache implements VerdictCache {

    private static final Logger LOG = Logger.getLogger(S3VerdictCache.class);
    private static final int READERS = 16;
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The stored form: the raw reputation, so the verdict policy is applied when a report is made. */
    public record Entry(String ip, Instant fetchedAt, boolean notFound, Reputation reputation) {}

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3VerdictCache(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses) {
        Set<IpAddress> wanted = new HashSet<>(addresses);
        List<IpAddress> present = new ArrayList<>();
        try {
            // The delimiter leaves out the ledger and alert markers kept in sub-prefixes (_quota/, _alerts/).
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(prefix)
                            .delimiter("/")
                            .build())
                    .contents()) {
                IpAddress ip = ipOf(object.key());
                if (ip != null && wanted.contains(ip)) {
                    present.add(ip);
                }
            }
        } catch (S3Exception e) {
            throw new CacheUnavailableException(
                    "cannot list the verdict cache s3://" + bucket + "/" + prefix + ": " + describe(e)
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
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CacheUnavailableException unavailable) {
                throw unavailable;
            }
            throw new CacheUnavailableException("reading the verdict cache failed: " + e.getCause(), e.getCause());
        } finally {
            readers.shutdownNow();
        }
        return found;
    }

    private java.util.Optional<CachedVerdict> read(IpAddress ip) {
        String key = keyOf(ip);
        try {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            Entry entry = JSON.readValue(body, Entry.class);
            if (entry.fetchedAt() == null || (!entry.notFound() && entry.reputation() == null)) {
                LOG.warnf("ignoring incomplete cache entry s3://%s/%s", bucket, key);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(
                    new CachedVerdict(entry.notFound() ? null : entry.reputation(), entry.fetchedAt()));
        } catch (NoSuchKeyException e) {
            return java.util.Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new CacheUnavailableException(
                        "cannot read cache entry s3://" + bucket + "/" + key + ": " + describe(e), e);
            }
            LOG.warnf("cache entry s3://%s/%s unreadable (%s); treated as a miss", bucket, key, describe(e));
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A corrupt entry (half-written, edited by hand) is a miss: the IP is looked up and rewritten.
            LOG.warnf(
                    "corrupt cache entry s3://%s/%s (%s); treated as a miss",
                    bucket, key, e.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
    }

    @Override
    public void store(IpAddress address, CachedVerdict verdict) {
        String key = keyOf(address);
        try {
            byte[] body = JSON.writeValueAsBytes(
                    new Entry(address.toString(), verdict.fetchedAt(), verdict.notFound(), verdict.reputation()));
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise cache entry", e);
        } catch (SdkException e) {
            throw new CacheUnavailableException(
                    "cannot write cache entry s3://" + bucket + "/" + key + ": "
                            + (e instanceof S3Exception s3e
                                    ? describe(s3e)
                                    : e.getClass().getSimpleName()),
                    e);
        }
    }

    String keyOf(IpAddress ip) {
        return prefix + ip + ".json";
    }

    private IpAddress ipOf(String key) {
        if (!key.startsWith(prefix) || !key.endsWith(".json")) {
            return null;
        }
        String name = key.substring(prefix.length(), key.length() - ".json".length());
        return name.indexOf('/') >= 0 ? null : IpAddressParser.parse(name);
    }

    static String describe(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "HTTP " + e.statusCode() + (code == null ? "" : " " + code);
    }
}
