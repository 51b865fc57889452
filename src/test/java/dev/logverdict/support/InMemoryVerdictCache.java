package dev.logverdict.support;

import dev.logverdict.intel.CachedVerdict;
import dev.logverdict.intel.VerdictCache;
import dev.logverdict.ip.IpAddress;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A verdict cache in a map, for tests; {@code failure}, when set, is what every lookup throws. */
public final class InMemoryVerdictCache implements VerdictCache {

    public final Map<IpAddress, CachedVerdict> entries = Collections.synchronizedMap(new HashMap<>());
    public volatile RuntimeException failure;

    @Override
    public Map<IpAddress, CachedVerdict> lookupAll(Collection<IpAddress> addresses) {
        if (failure != null) {
            throw failure;
        }
        Map<IpAddress, CachedVerdict> found = new HashMap<>();
        addresses.forEach(ip -> {
            CachedVerdict entry = entries.get(ip);
            if (entry != null) {
                found.put(ip, entry);
            }
        });
        return found;
    }

    @Override
    public void store(IpAddress address, CachedVerdict verdict) {
        entries.put(address, verdict);
    }
}
