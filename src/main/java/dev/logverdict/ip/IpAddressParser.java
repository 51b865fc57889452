package dev.logverdict.ip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict IP literal parser working on raw log bytes, so a line is never decoded to find its client.
 * Accepts only what an address literal can be: dotted-quad IPv4 without leading zeros (they mean octal
 * to some parsers and decimal to others), IPv6 per RFC 4291 with an optional trailing IPv4. Never
 * resolves names. Anything else is {@code null} from the methods that return an {@link IpAddress}, and
 * version 0 from those that write an address's bits into the caller's array (no object on the scan's path).
 */
public final class IpAddressParser {

    private static final long V4_MAPPED_PREFIX = 0xFFFFL;
    private static final byte[] HEX_VALUES = hexValues();

    private IpAddressParser() {}

    public static IpAddress parse(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, 0, bytes.length);
    }

    /** A bare literal, no brackets, no zone. */
    public static IpAddress parse(byte[] bytes, int from, int to) {
        // A dotted quad, most of what forwarding headers hold, is made without the scratch array.
        long v4 = dottedQuad(bytes, from, to);
        if (v4 >= 0) {
            return IpAddress.ofV4((int) v4);
        }
        long[] bits = new long[2];
        return address(parse(bytes, from, to, bits), bits);
    }

    /**
     * {@link #parse(byte[], int, int)} without making an {@link IpAddress}: writes the address's
     * {@linkplain IpAddress#high() high} and {@linkplain IpAddress#low() low} bits to {@code bits[0]} and
     * {@code bits[1]}.
     *
     * @return the address's version, or 0 when the bytes are not an address (then {@code bits} holds nothing
     *         meaningful)
     */
    public static int parse(byte[] bytes, int from, int to, long[] bits) {
        if (to - from < 2 || to - from > 45) {
            return 0;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] == ':') {
                return parseV6(bytes, from, to, bits);
            }
        }
        long v4 = parseV4(bytes, from, to);
        if (v4 < 0) {
            return 0;
        }
        bits[0] = 0;
        bits[1] = v4;
        return 4;
    }

    /**
     * The client field of a log line as servers write it: a literal, optionally as {@code [v6]}, optionally
     * with an IPv6 zone ({@code fe80::1%eth0}) which names a local interface and is dropped.
     */
    public static IpAddress parseClientField(byte[] bytes, int from, int to) {
        long[] bits = new long[2];
        return address(parseClientField(bytes, from, to, bits), bits);
    }

    /**
     * {@link #parseClientField(byte[], int, int)} into {@code bits}, as {@link #parse(byte[], int, int, long[])}
     * does: an IPv6 client would otherwise cost two objects a line.
     */
    public static int parseClientField(byte[] bytes, int from, int to, long[] bits) {
        if (to - from >= 2 && bytes[from] == '[' && bytes[to - 1] == ']') {
            from++;
            to--;
        }
        int zoneStart = indexOf(bytes, from, to, (byte) '%');
        if (zoneStart < 0) {
            return parse(bytes, from, to, bits);
        }
        if (!isValidZone(bytes, zoneStart + 1, to)) {
            return 0;
        }
        return parse(bytes, from, zoneStart, bits) == 6 ? 6 : 0;
    }

    public static IpAddress parseClientField(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parseClientField(bytes, 0, bytes.length);
    }

    private static IpAddress address(int version, long[] bits) {
        return version == 0 ? null : new IpAddress(bits[0], bits[1], version);
    }

    /**
     * The bits of a strict dotted quad and nothing else (no brackets, no zone), without making an
     * {@link IpAddress}: what {@link #parseClientField} accepts for such a field, found for the common case.
     *
     * @return the 32 address bits as a non-negative long, or -1
     */
    public static long dottedQuad(byte[] bytes, int from, int to) {
        return to - from < 7 || to - from > 15 ? -1 : parseV4(bytes, from, to);
    }

    /** @return the 32 address bits as a non-negative long, or -1 when not a strict dotted quad */
    static long parseV4(byte[] bytes, int from, int to) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && isDigit(bytes[i])) {
                value = value * 10 + (bytes[i] - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && bytes[start] == '0')) {
                return -1;
            }
            address = (address << 8) | value;
            octets++;
            if (i == to) {
                return octets == 4 ? address : -1;
            }
            if (bytes[i] != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
    }

    /** An IPv6 literal into {@code bits}; see {@link #parse(byte[], int, int, long[])}. */
    private static int parseV6(byte[] bytes, int from, int to, long[] bits) {
        // The groups before "::" and those after it, each shifted in from the right as a 128-bit number in
        // two longs: the zeros "::" stands for go between the two once the number of groups is known.
        long headHigh = 0;
        long headLow = 0;
        long tailHigh = 0;
        long tailLow = 0;
        int count = 0;
        int compressAt = -1;
        int i = from;
        if (bytes[i] == ':') {
            if (bytes[i + 1] != ':') {
                return 0;
            }
            compressAt = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return 0;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && hexValue(bytes[i]) >= 0) {
                value = (value << 4) | hexValue(bytes[i]);
                i++;
            }
            // A group, or an IPv4 tail: two groups at once, and the end of the literal.
            boolean ipv4Tail = i < to && bytes[i] == '.';
            long groupBits = ipv4Tail ? parseV4(bytes, start, to) : value;
            int digits = i - start;
            if (ipv4Tail ? groupBits < 0 || count > 6 : digits == 0 || digits > 4) {
                return 0;
            }
            int shift = ipv4Tail ? 32 : 16;
            if (compressAt < 0) {
                headHigh = headHigh << shift | headLow >>> (64 - shift);
                headLow = headLow << shift | groupBits;
            } else {
                tailHigh = tailHigh << shift | tailLow >>> (64 - shift);
                tailLow = tailLow << shift | groupBits;
            }
            count += shift / 16;
            if (ipv4Tail || i == to) {
                break;
            }
            if (bytes[i] != ':') {
                return 0;
            }
            i++;
            if (i == to) {
                return 0;
            }
            if (bytes[i] == ':') {
                if (compressAt >= 0) {
                    return 0;
                }
                compressAt = count;
                i++;
            }
        }
        if (compressAt < 0 ? count != 8 : count > 7) {
            return 0;
        }
        long high = headHigh;
        long low = headLow;
        if (compressAt >= 0) {
            // The head's groups go to the top, above the zeros and the tail. Java shifts by the distance
            // modulo 64, so each range of distances has its own form.
            int shift = 16 * (8 - compressAt);
            if (shift >= 128) {
                high = 0;
                low = 0;
            } else if (shift >= 64) {
                high = headLow << (shift - 64);
                low = 0;
            } else {
                high = headHigh << shift | headLow >>> (64 - shift);
                low = headLow << shift;
            }
            high |= tailHigh;
            low |= tailLow;
        }
        if (high == 0 && (low >>> 32) == V4_MAPPED_PREFIX) {
            bits[0] = 0;
            bits[1] = low & 0xFFFF_FFFFL;
            return 4;
        }
        bits[0] = high;
        bits[1] = low;
        return 6;
    }

    private static boolean isValidZone(byte[] bytes, int from, int to) {
        if (to - from < 1 || to - from > 32) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean ok =
                    isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == '-' || b == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The value of a hex digit, or -1. */
    public static int hexValue(byte b) {
        return HEX_VALUES[b & 0xFF];
    }

    /** A table, not comparisons: small enough to be inlined under Lambda's client JIT, which calls it per digit. */
    private static byte[] hexValues() {
        byte[] values = new byte[256];
        Arrays.fill(values, (byte) -1);
        for (int digit = 0; digit < 16; digit++) {
            values[Character.forDigit(digit, 16)] = (byte) digit;
            values[Character.toUpperCase(Character.forDigit(digit, 16))] = (byte) digit;
        }
        return values;
    }
}
