package dev.logverdict.intel.stored;

import dev.logverdict.intel.CacheUnavailableException;
import dev.logverdict.intel.CachedVerdict;
import dev.logverdict.intel.Reputation;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.storage.ObjectAccessDeniedException;
import dev.logverdict.support.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verdict cache on the in-memory store (the end-to-end tests run it on S3Proxy). */
class StoredVerdictCacheTest {

    private static final String BUCKET = "soc-logs";
    private static final IpAddress KNOWN = IpAddressParser.parse("91.92.95.1");
    private static final IpAddress UNKNOWN = IpAddressParser.parse("2001:db8::5");
    private static final Instant FETCHED = Instant.parse("2026-12-04T10:00:00Z");

    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final StoredVerdictCache cache = new StoredVerdictCache(store, BUCKET, "cache/");

    @Test
    void readsBackWhatItStoredAndOnlyForTheAddressesAsked() {
        Reputation reputation = new Reputation(7, 0, 50, 20, 0, -10, "AS", 64500L, "NL", "91.92.95.0/24", null, null);
        cache.store(KNOWN, new CachedVerdict(reputation, FETCHED));
        cache.store(UNKNOWN, new CachedVerdict(null, FETCHED));

        Map<IpAddress, CachedVerdict> found =
                cache.lookupAll(List.of(KNOWN, UNKNOWN, IpAddressParser.parse("192.0.2.1")));

        assertThat(found).containsOnlyKeys(KNOWN, UNKNOWN);
        assertThat(found.get(KNOWN).reputation()).isEqualTo(reputation);
        assertThat(found.get(KNOWN).fetchedAt()).isEqualTo(FETCHED);
        assertThat(found.get(UNKNOWN).notFound()).isTrue();
        assertThat(cache.lookupAll(List.of(UNKNOWN))).containsOnlyKeys(UNKNOWN);
        assertThat(store.reads)
                .as("only the entries of addresses asked for are read")
                .containsExactlyInAnyOrder("cache/91.92.95.1.json", "cache/2001:db8::5.json", "cache/2001:db8::5.json");
    }

    @Test
    void aCorruptEntryIsAMissAndSubFoldersAreNotEntries() {
        store.objects.put(
                BUCKET + "/cache/91.92.95.1.json",
                "{\"ip\": \"91.92.95.1\", \"fetchedAt\": ".getBytes(StandardCharsets.UTF_8));
        store.objects.put(BUCKET + "/cache/_quota/91.92.95.1.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(cache.lookupAll(List.of(KNOWN))).isEmpty();
        assertThat(store.reads).containsExactly("cache/91.92.95.1.json");
    }

    @Test
    void anEntryTheStoreRefusesMakesTheCacheUnavailableNamingIt() {
        cache.store(KNOWN, new CachedVerdict(null, FETCHED));
        InMemoryObjectStore refusing = new InMemoryObjectStore() {
            @Override
            public OpenObject open(String bucket, String key, String versionId) throws IOException {
                throw new ObjectAccessDeniedException("access to s3://" + bucket + "/" + key + " was denied", null);
            }
        };
        refusing.objects.putAll(store.objects);

        assertThatThrownBy(() -> new StoredVerdictCache(refusing, BUCKET, "cache/").lookupAll(List.of(KNOWN)))
                .isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining("cannot read cache entry s3://soc-logs/cache/91.92.95.1.json");
    }
}
