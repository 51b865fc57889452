package dev.logverdict.intel;

import dev.logverdict.ip.IpAddress;

import java.util.Collection;
import java.util.Map;

/** Remembers reputation answers between runs and objects, so each IP costs one lookup per TTL. */
public interface VerdictCache {

    /**
     * Entries for those of {@code addresses} that have one, fresh or not (the caller applies the TTL).
     * An unreadable or corrupt entry is simply absent.
     *
     * @throws CacheUnavailableException when the store refuses access: not a miss, an error to report
     */
    Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses);

    /** Stores an answer; last writer wins. */
    void store(IpAddress address, CachedVerdict verdict);

    /** A cache that remembers nothing. */
    static VerdictCache none() {
        return new VerdictCache() {
            @Override
            public Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses) {
                return Map.of();
            }

            @Override
            public void store(IpAddress address, CachedVerdict verdict) {
                // nothing to remember
            }
        };
    }
}
