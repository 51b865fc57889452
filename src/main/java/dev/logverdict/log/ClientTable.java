package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Client IP → client number in the {@link ClientStore}, open addressing on the address bits: the lookup
 * every log line makes compares two longs in one flat array and keeps no address object. Read-only
 * {@link Map} view for the report, whose values are views of the store.
 */
final class ClientTable extends AbstractMap<IpAddress, ClientActivity> {

    private static final int WORDS = 3;

    /** Per slot: high bits, low bits, then (client number + 1) << 8 | version; 0 = empty. */
    private long[] slots = new long[WORDS << 12];
    private int mask = (1 << 12) - 1;
    private final ClientStore store;

    ClientTable(ClientStore store) {
        this.store = store;
    }

    /**
     * Reads the slot each queued request's address hashes to, in one tight loop so the misses overlap
     * (see {@link ClientStore#prefetch}); the sum only keeps the loads.
     */
    long prefetch(RequestBatch batch) {
        long[] s = slots;
        long sum = 0;
        for (int i = 0; i < batch.size; i++) {
            sum += s[(IpAddress.mix(batch.clientHigh[i], batch.clientLow[i]) & mask) * WORDS];
        }
        return sum;
    }

    /** The client number of an address, or -1. */
    int find(long high, long low, int version) {
        long[] s = slots;
        int slot = IpAddress.mix(high, low) & mask;
        while (true) {
            int at = slot * WORDS;
            long tag = s[at + 2];
            if (tag == 0) {
                return -1;
            }
            if (s[at + 1] == low && s[at] == high && (tag & 0xFF) == version) {
                return (int) (tag >>> 8) - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The client number of an address, numbering it in the store first if it is new. */
    int findOrAdd(long high, long low, int version) {
        int client = find(high, low, version);
        if (client >= 0) {
            return client;
        }
        if ((store.size() + 1) * 10L > (mask + 1) * 6L) {
            grow();
        }
        client = store.add();
        insert(high, low, ((long) client + 1) << 8 | version);
        return client;
    }

    private void insert(long high, long low, long tag) {
        int slot = IpAddress.mix(high, low) & mask;
        while (slots[slot * WORDS + 2] != 0) {
            slot = (slot + 1) & mask;
        }
        int at = slot * WORDS;
        slots[at] = high;
        slots[at + 1] = low;
        slots[at + 2] = tag;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = mask * 2 + 1;
        for (int at = 0; at < old.length; at += WORDS) {
            if (old[at + 2] != 0) {
                insert(old[at], old[at + 1], old[at + 2]);
            }
        }
    }

    @Override
    public int size() {
        return store.size();
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
                    private int next = advance(0);

                    private int advance(int from) {
                        int at = from;
                        while (at < slots.length && slots[at + 2] == 0) {
                            at += WORDS;
                        }
                        return at;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.length;
                    }

                    @Override
                    public Entry<IpAddress, ClientActivity> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        long tag = slots[next + 2];
                        int version = (int) (tag & 0xFF);
                        IpAddress address = version == 4 ? IpAddress.ofV4((int) slots[next + 1])
                                : IpAddress.ofV6(slots[next], slots[next + 1]);
                        Entry<IpAddress, ClientActivity> entry =
                                new SimpleImmutableEntry<>(address, new ClientActivity(store, (int) (tag >>> 8) - 1));
                        next = advance(next + WORDS);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return store.size();
            }
        };
    }
}
