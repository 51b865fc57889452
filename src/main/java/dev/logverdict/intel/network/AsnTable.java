package dev.logverdict.intel.network;

import dev.logverdict.ip.IpAddress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole IP-to-ASN table in primitive arrays, answered by binary search: one row costs a few ints (IPv4)
 * or longs (IPv6) plus an index into the deduplicated networks, so the full IPv4 and IPv6 table stays within
 * tens of megabytes and no object is made per row. Its stored form is the same arrays written in order, so
 * loading it is reading arrays, not parsing text.
 */
public final class AsnTable {

    private static final int FORMAT = 1;

    private final int[] v4Starts;
    private final int[] v4Ends;
    private final int[] v4Networks;
    private final long[] v6StartHigh;
    private final long[] v6StartLow;
    private final long[] v6EndHigh;
    private final long[] v6EndLow;
    private final int[] v6Networks;
    private final Network[] networks;

    private AsnTable(
            int[] v4Starts,
            int[] v4Ends,
            int[] v4Networks,
            long[] v6StartHigh,
            long[] v6StartLow,
            long[] v6EndHigh,
            long[] v6EndLow,
            int[] v6Networks,
            Network[] networks) {
        this.v4Starts = v4Starts;
        this.v4Ends = v4Ends;
        this.v4Networks = v4Networks;
        this.v6StartHigh = v6StartHigh;
        this.v6StartLow = v6StartLow;
        this.v6EndHigh = v6EndHigh;
        this.v6EndLow = v6EndLow;
        this.v6Networks = v6Networks;
        this.networks = networks;
    }

    public static AsnTable empty() {
        return new Builder().build();
    }

    /** Rows: IPv4 and IPv6 ranges together. */
    public int rows() {
        return v4Starts.length + v6StartHigh.length;
    }

    public Optional<Network> lookup(IpAddress address) {
        if (address.version() == 4) {
            int value = address.v4Bits();
            int lo = 0;
            int hi = v4Starts.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Integer.compareUnsigned(v4Starts[mid], value) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found >= 0 && Integer.compareUnsigned(value, v4Ends[found]) <= 0
                    ? Optional.of(networks[v4Networks[found]])
                    : Optional.empty();
        }
        int lo = 0;
        int hi = v6StartHigh.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6StartHigh[mid], v6StartLow[mid], address.high(), address.low()) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(address.high(), address.low(), v6EndHigh[found], v6EndLow[found]) <= 0
                ? Optional.of(networks[v6Networks[found]])
                : Optional.empty();
    }

    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(FORMAT);
        out.writeInt(networks.length);
        for (Network network : networks) {
            out.writeLong(network.asn());
            out.writeUTF(network.country());
            out.writeUTF(network.name());
        }
        out.writeInt(v4Starts.length);
        for (int i = 0; i < v4Starts.length; i++) {
            out.writeInt(v4Starts[i]);
            out.writeInt(v4Ends[i]);
            out.writeInt(v4Networks[i]);
        }
        out.writeInt(v6StartHigh.length);
        for (int i = 0; i < v6StartHigh.length; i++) {
            out.writeLong(v6StartHigh[i]);
            out.writeLong(v6StartLow[i]);
            out.writeLong(v6EndHigh[i]);
            out.writeLong(v6EndLow[i]);
            out.writeInt(v6Networks[i]);
        }
        out.flush();
    }

    /** Reads what {@link #writeTo} wrote; anything else is refused rather than half-loaded. */
    public static AsnTable readFrom(InputStream stream) throws IOException {
        // Buffered here: a gzip stream answers one-byte reads slowly, and the table is read int by int.
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != FORMAT) {
            throw new IOException("not a stored ASN table (format " + FORMAT + ")");
        }
        Network[] networks = new Network[checkedCount(in.readInt())];
        // A few hundred country codes among tens of thousands of networks: one copy of each is kept.
        Map<String, String> countries = new HashMap<>();
        for (int i = 0; i < networks.length; i++) {
            long asn = in.readLong();
            String country = countries.computeIfAbsent(in.readUTF(), code -> code);
            networks[i] = new Network(asn, in.readUTF(), country);
        }
        int v4 = checkedCount(in.readInt());
        int[] starts = new int[v4];
        int[] ends = new int[v4];
        int[] v4Networks = new int[v4];
        for (int i = 0; i < v4; i++) {
            starts[i] = in.readInt();
            ends[i] = in.readInt();
            v4Networks[i] = checkedIndex(in.readInt(), networks.length);
        }
        int v6 = checkedCount(in.readInt());
        long[] startHigh = new long[v6];
        long[] startLow = new long[v6];
        long[] endHigh = new long[v6];
        long[] endLow = new long[v6];
        int[] v6Networks = new int[v6];
        for (int i = 0; i < v6; i++) {
            startHigh[i] = in.readLong();
            startLow[i] = in.readLong();
            endHigh[i] = in.readLong();
            endLow[i] = in.readLong();
            v6Networks[i] = checkedIndex(in.readInt(), networks.length);
        }
        return new AsnTable(starts, ends, v4Networks, startHigh, startLow, endHigh, endLow, v6Networks, networks);
    }

    private static int checkedCount(int count) throws IOException {
        if (count < 0 || count > 16_000_000) {
            throw new IOException("a stored ASN table cannot have " + count + " rows");
        }
        return count;
    }

    private static int checkedIndex(int index, int networks) throws IOException {
        if (index < 0 || index >= networks) {
            throw new IOException("a stored ASN row names network " + index + " of " + networks);
        }
        return index;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    /** Collects rows in any order; {@link #build} sorts them and drops rows that overlap an earlier start. */
    public static final class Builder {
        private final Map<Network, Integer> networkIndex = new HashMap<>();
        private final List<Network> networks = new ArrayList<>();
        private long[] v4 = new long[1024];
        private int v4Count;
        private long[][] v6 = new long[1024][];
        private int v6Count;

        /** Adds a range; both ends must be of the same family and in order. */
        public void add(IpAddress first, IpAddress last, Network network) {
            if (first.version() != last.version() || first.compareTo(last) > 0) {
                throw new IllegalArgumentException("not a range: " + first + " - " + last);
            }
            int index = networkIndex.computeIfAbsent(network, n -> {
                networks.add(n);
                return networks.size() - 1;
            });
            if (first.version() == 4) {
                if (v4Count * 2 + 2 > v4.length) {
                    v4 = Arrays.copyOf(v4, v4.length * 2);
                }
                // start in the high half so sorting the pairs sorts by start
                v4[v4Count * 2] = (first.low() << 32) | last.low();
                v4[v4Count * 2 + 1] = index;
                v4Count++;
            } else {
                if (v6Count == v6.length) {
                    v6 = Arrays.copyOf(v6, v6.length * 2);
                }
                v6[v6Count++] = new long[] {first.high(), first.low(), last.high(), last.low(), index};
            }
        }

        public AsnTable build() {
            Integer[] order4 = new Integer[v4Count];
            for (int i = 0; i < v4Count; i++) {
                order4[i] = i;
            }
            Arrays.sort(order4, (a, b) -> Long.compareUnsigned(v4[a * 2], v4[b * 2]));
            int[] starts = new int[v4Count];
            int[] ends = new int[v4Count];
            int[] v4Networks = new int[v4Count];
            int kept = 0;
            for (int i : order4) {
                int start = (int) (v4[i * 2] >>> 32);
                if (kept > 0 && Integer.compareUnsigned(start, ends[kept - 1]) <= 0) {
                    continue; // overlaps the row before: the table holds disjoint ranges
                }
                starts[kept] = start;
                ends[kept] = (int) v4[i * 2];
                v4Networks[kept] = (int) v4[i * 2 + 1];
                kept++;
            }
            long[][] rows6 = Arrays.copyOf(v6, v6Count);
            Arrays.sort(rows6, (a, b) -> compare(a[0], a[1], b[0], b[1]));
            long[] startHigh = new long[v6Count];
            long[] startLow = new long[v6Count];
            long[] endHigh = new long[v6Count];
            long[] endLow = new long[v6Count];
            int[] v6Networks = new int[v6Count];
            int kept6 = 0;
            for (long[] row : rows6) {
                if (kept6 > 0 && compare(row[0], row[1], endHigh[kept6 - 1], endLow[kept6 - 1]) <= 0) {
                    continue;
                }
                startHigh[kept6] = row[0];
                startLow[kept6] = row[1];
                endHigh[kept6] = row[2];
                endLow[kept6] = row[3];
                v6Networks[kept6] = (int) row[4];
                kept6++;
            }
            return new AsnTable(
                    Arrays.copyOf(starts, kept),
                    Arrays.copyOf(ends, kept),
                    Arrays.copyOf(v4Networks, kept),
                    Arrays.copyOf(startHigh, kept6),
                    Arrays.copyOf(startLow, kept6),
                    Arrays.copyOf(endHigh, kept6),
                    Arrays.copyOf(endLow, kept6),
                    Arrays.copyOf(v6Networks, kept6),
                    networks.toArray(Network[]::new));
        }
    }
}
