package dev.logverdict.log;

import dev.logverdict.ip.IpAddress;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Client IP → activity, open addressing on the address bits: the lookup every log line makes compares
 * two longs in flat arrays instead of walking hash-map nodes. Read-only {@link Map} view for the report.
 */
final class ClientTable extends AbstractMap<IpAddress, ClientActivity> {

    /** Per slot: high bits, low bits, version (0 = empty): one cache line decides a probe. */
    private long[] bits = new long[3 << 12];
    private IpAddress[] keys = new IpAddress[1 << 12];
    private ClientActivity[] values = new ClientActivity[1 << 12];
    private int size;

    ClientActivity find(IpAddress address) {
        int mask = keys.length - 1;
        int slot = IpAddress.mix(address.high(), address.low()) & mask;
        long high = address.high();
        long low = address.low();
        int version = address.version();
        while (true) {
            int at = slot * 3;
            long slotVersion = bits[at + 2];
            if (slotVersion == 0) {
                return null;
            }
            if (bits[at + 1] == low && bits[at] == high && slotVersion == version) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    void add(IpAddress address, ClientActivity activity) {
        if ((size + 1) * 10L > keys.length * 6L) {
            grow();
        }
        insert(address, activity);
        size++;
    }

    private void insert(IpAddress address, ClientActivity activity) {
        int mask = keys.length - 1;
        int slot = IpAddress.mix(address.high(), address.low()) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        bits[slot * 3] = address.high();
        bits[slot * 3 + 1] = address.low();
        bits[slot * 3 + 2] = address.version();
        keys[slot] = address;
        values[slot] = activity;
    }

    private void grow() {
        IpAddress[] oldKeys = keys;
        ClientActivity[] oldValues = values;
        int slots = keys.length * 2;
        bits = new long[slots * 3];
        keys = new IpAddress[slots];
        values = new ClientActivity[slots];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ClientActivity get(Object key) {
        return key instanceof IpAddress address ? find(address) : null;
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
                        int i = from;
                        while (i < keys.length && keys[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<IpAddress, ClientActivity> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<IpAddress, ClientActivity> entry = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next = advance(next + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
