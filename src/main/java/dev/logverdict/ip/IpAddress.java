package dev.logverdict.ip;

/**
 * An IPv4 or IPv6 address as 128 bits. IPv4 lives in the low 32 bits of {@code low}; IPv4-mapped IPv6
 * addresses are normalised to IPv4 by the parser, so one host has one key whichever way it was logged.
 */
public record IpAddress(long high, long low, int version) implements Comparable<IpAddress> {

    public IpAddress {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6");
        }
        if (version == 4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    public static IpAddress ofV4(int bits) {
        return new IpAddress(0, bits & 0xFFFF_FFFFL, 4);
    }

    public static IpAddress ofV6(long high, long low) {
        return new IpAddress(high, low, 6);
    }

    public int v4Bits() {
        return (int) low;
    }

    /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        int length = version == 4 ? 4 : 16;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int shiftFromEnd = (length - 1 - i) * 8;
            bytes[i] = (byte) (shiftFromEnd >= 64 ? high >>> (shiftFromEnd - 64) : low >>> shiftFromEnd);
        }
        return bytes;
    }

    /** Canonical text: dotted quad, or RFC 5952 for IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        return version == 4 ? v4Text() : v6Text();
    }

    private String v4Text() {
        int bits = v4Bits();
        return ((bits >>> 24) & 0xFF) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "."
                + (bits & 0xFF);
    }

    private String v6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is never compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    // Explicit rather than the record's generated versions: this is the key of the per-client table,
    // hit once per log line.
    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress that && low == that.low && high == that.high && version == that.version;
    }

    @Override
    public int hashCode() {
        return mix(high, low);
    }

    /** A well-spread hash of 128 address bits (IPv4 keys differ only in their low 32 bits). */
    public static int mix(long high, long low) {
        // MurmurHash3's 64-bit finaliser: every input bit reaches the low bits that index a table.
        long h = low ^ Long.rotateLeft(high, 32);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    @Override
    public int compareTo(IpAddress other) {
        if (version != other.version) {
            return Integer.compare(version, other.version);
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }
}
