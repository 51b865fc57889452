package dev.logverdict.log.activity;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.log.bytes.AddressHash;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Client IP → client number in the {@link ClientStore}, open addressing on the address bits: the lookup
 * every log line makes compares words in one flat array and keeps no address object. IPv4 clients, most
 * of any log, have a table of one long per slot (address and number), a third of the IPv6 table's size,
 * so more of it stays in cache. Read-only {@link Map} view for the report, whose values are views of
 * the store.
 * <p>
 * Memory is bounded whatever addresses the log holds: past {@code trackedAddresses} addresses, a new one
 * is counted with its network — its /64 for IPv6 (one subscriber or one host), its /24 for IPv4 — and past
 * {@link #MAX_NETWORKS} networks a new network's requests are counted together, as one untracked client.
 */
public final class ClientIndex extends AbstractMap<IpAddress, ClientActivity> {

    private static final int V6_WORDS = 3;
    private static final long NUMBER_MASK = 0xFFFF_FFFFL;

    /** Per slot: address << 32 | (client number + 1); 0 = empty. */
    private long[] v4 = new long[1 << 12];

    private int v4Size;
    /** Per slot: high bits, low bits, client number + 1 (0 = empty). */
    private long[] v6 = new long[V6_WORDS << 8];

    private int v6Size;
    /** Networks counted as one client each once the addresses are at their cap. */
    public static final int MAX_NETWORKS = 1 << 16;

    private final ClientStore store;
    private final AddressHash hashing;
    private final int trackedAddresses;
    /** /64 prefix (the address's high bits) → client number, once addresses are at their cap. */
    private final Map<Long, Integer> v6Networks = new HashMap<>();
    /** /24 prefix (the address's top 24 bits) → client number. */
    private final Map<Long, Integer> v4Networks = new HashMap<>();
    /** The client that counts the requests of addresses whose network is past the cap too; -1 until one. */
    private int untracked = -1;

    public ClientIndex(ClientStore store, AddressHash hashing, int trackedAddresses) {
        this.store = store;
        this.hashing = hashing;
        this.trackedAddresses = trackedAddresses;
    }

    /**
     * Reads the slot each queued request's address hashes to, in one tight loop so the misses overlap
     * (see {@link ClientStore#prefetch}); the sum only keeps the loads.
     */
    public long prefetch(RequestBatch batch) {
        long[] four = v4;
        int fourMask = four.length - 1;
        long[] six = v6;
        int sixMask = six.length / V6_WORDS - 1;
        long sum = 0;
        for (int i = 0; i < batch.size; i++) {
            if (batch.clientVersion[i] == 4) {
                sum += four[batch.clientHash[i] & fourMask];
            } else {
                sum += six[(batch.clientHash[i] & sixMask) * V6_WORDS + 2];
            }
        }
        return sum;
    }

    /** The client number of an address, or -1. */
    int find(long high, long low, int version) {
        return find(high, low, version, hashing.of(high, low, version));
    }

    /** @param hash the keyed hash of the address bits */
    private int find(long high, long low, int version, int hash) {
        if (version == 4) {
            long[] s = v4;
            int mask = s.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                long entry = s[slot];
                if (entry == 0) {
                    return -1;
                }
                if (entry >>> 32 == low) {
                    return (int) (entry & NUMBER_MASK) - 1;
                }
            }
        }
        long[] s = v6;
        int mask = s.length / V6_WORDS - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int at = slot * V6_WORDS;
            long number = s[at + 2];
            if (number == 0) {
                return -1;
            }
            if (s[at + 1] == low && s[at] == high) {
                return (int) number - 1;
            }
        }
    }

    /** The client number of an address, numbering it in the store first if it is new. */
    public int findOrAdd(long high, long low, int version) {
        return findOrAdd(high, low, version, hashing.of(high, low, version));
    }

    /** @param hash the keyed hash of the address bits, as the batch already has it */
    public int findOrAdd(long high, long low, int version, int hash) {
        int client = find(high, low, version, hash);
        if (client >= 0) {
            return client;
        }
        if (v4Size + v6Size >= trackedAddresses) {
            return networkOf(high, low, version);
        }
        client = store.add();
        if (version == 4) {
            if ((v4Size + 1) * 10L > v4.length * 6L) {
                v4 = grownV4();
            }
            insertV4(v4, low << 32 | (client + 1L), hash);
            v4Size++;
        } else {
            if ((v6Size + 1) * 10L > (v6.length / V6_WORDS) * 6L) {
                v6 = grownV6();
            }
            insertV6(v6, high, low, client + 1L, hash);
            v6Size++;
        }
        return client;
    }

    /**
     * The client number of the address's network, numbering it if there is room, else the untracked one's.
     * Only addresses past the cap come here. The maps' keys are the log author's to choose, but a
     * {@link HashMap} bin of {@link Long} keys that collide becomes a balanced tree, so no choice of
     * networks makes a lookup cost more than a logarithm of their number.
     */
    private int networkOf(long high, long low, int version) {
        Map<Long, Integer> networks = version == 4 ? v4Networks : v6Networks;
        Long network = version == 4 ? low >>> 8 : high;
        Integer client = networks.get(network);
        if (client != null) {
            return client;
        }
        if (v4Networks.size() + v6Networks.size() >= MAX_NETWORKS) {
            if (untracked < 0) {
                untracked = store.add();
            }
            return untracked;
        }
        int added = store.add();
        networks.put(network, added);
        return added;
    }

    /** The networks that stand for addresses past the cap, as CIDR text, with their activity. */
    public Map<String, ClientActivity> networks() {
        Map<String, ClientActivity> networks = new LinkedHashMap<>();
        v6Networks.forEach(
                (high, client) -> networks.put(IpAddress.ofV6(high, 0) + "/64", new ClientActivity(store, client)));
        v4Networks.forEach((prefix, client) ->
                networks.put(IpAddress.ofV4((int) (prefix << 8)) + "/24", new ClientActivity(store, client)));
        return networks;
    }

    /** What the addresses past both caps did together, or empty if there were none. */
    public Optional<ClientActivity> untracked() {
        return untracked < 0 ? Optional.empty() : Optional.of(new ClientActivity(store, untracked));
    }

    private static void insertV4(long[] s, long entry, int hash) {
        int mask = s.length - 1;
        int slot = hash & mask;
        while (s[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        s[slot] = entry;
    }

    private static void insertV6(long[] s, long high, long low, long number, int hash) {
        int mask = s.length / V6_WORDS - 1;
        int slot = hash & mask;
        while (s[slot * V6_WORDS + 2] != 0) {
            slot = (slot + 1) & mask;
        }
        int at = slot * V6_WORDS;
        s[at] = high;
        s[at + 1] = low;
        s[at + 2] = number;
    }

    /**
     * The longest run of used slots in either table: the most slots a search can visit. Under the scan's
     * keyed hash it stays short whatever addresses the log holds.
     */
    int longestRun() {
        return Math.max(longestRun(v4, 1, 0), longestRun(v6, V6_WORDS, 2));
    }

    /**
     * The longest run of used slots in an open-addressing table of {@code words} longs a slot, a slot
     * being used where its word {@code used} is not 0.
     */
    static int longestRun(long[] table, int words, int used) {
        int slots = table.length / words;
        int longest = 0;
        int run = 0;
        // Twice round, so a run that wraps past the last slot is counted whole.
        for (int i = 0; i < slots * 2; i++) {
            run = table[(i % slots) * words + used] == 0 ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return Math.min(longest, slots);
    }

    private long[] grownV4() {
        long[] grown = new long[v4.length * 2];
        for (long entry : v4) {
            if (entry != 0) {
                insertV4(grown, entry, hashing.ofV4(entry >>> 32));
            }
        }
        return grown;
    }

    private long[] grownV6() {
        long[] grown = new long[v6.length * 2];
        for (int at = 0; at < v6.length; at += V6_WORDS) {
            if (v6[at + 2] != 0) {
                insertV6(grown, v6[at], v6[at + 1], v6[at + 2], hashing.ofV6(v6[at], v6[at + 1]));
            }
        }
        return grown;
    }

    @Override
    public int size() {
        return v4Size + v6Size;
    }

    @Override
    public ClientActivity get(Object key) {
        if (!(key instanceof IpAddress address)) {
            return null;
        }
        int client = find(address.high(), address.low(), address.version());
        return client < 0 ? null : new ClientActivity(store, client);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<IpAddress, ClientActivity>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<IpAddress, ClientActivity>> iterator() {
                return new Iterator<>() {
                    /** Slots of the IPv4 table first, then those of the IPv6 table. */
                    private int next = advance(0);

                    private int advance(int from) {
                        int slot = from;
                        while (slot < v4.length && v4[slot] == 0) {
                            slot++;
                        }
                        if (slot < v4.length) {
                            return slot;
                        }
                        int at = (slot - v4.length) * V6_WORDS;
                        while (at < v6.length && v6[at + 2] == 0) {
                            at += V6_WORDS;
                        }
                        return v4.length + at / V6_WORDS;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < v4.length + v6.length / V6_WORDS;
                    }

                    @Override
                    public Entry<IpAddress, ClientActivity> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        IpAddress address;
                        int client;
                        if (next < v4.length) {
                            address = IpAddress.ofV4((int) (v4[next] >>> 32));
                            client = (int) (v4[next] & NUMBER_MASK) - 1;
                        } else {
                            int at = (next - v4.length) * V6_WORDS;
                            address = IpAddress.ofV6(v6[at], v6[at + 1]);
                            client = (int) v6[at + 2] - 1;
                        }
                        next = advance(next + 1);
                        return new SimpleImmutableEntry<>(address, new ClientActivity(store, client));
                    }
                };
            }

            @Override
            public int size() {
                return v4Size + v6Size;
            }
        };
    }
}
