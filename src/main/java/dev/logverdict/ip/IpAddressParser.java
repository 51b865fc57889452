package dev.logverdict.ip;

import java.nio.charset.StandardCharsets;

/**
 * Strict IP literal parser working on raw log bytes, so a line is never decoded to find its client.
 * Accepts only what an address literal can be: dotted-quad IPv4 without leading zeros (they mean octal
 * to some parsers and decimal to others), IPv6 per RFC 4291 with an optional trailing IPv4. Never
 * resolves names. Returns {@code null} for anything else.
 */
public final class IpAddressParser {

    private static final long V4_MAPPED_PREFIX = 0xFFFFL;
    private static final byte[] HEX_VALUES = hexValues();

    private IpAddressParser() {
    }

    public static IpAddress parse(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, 0, bytes.length);
    }

    /** A bare literal, no brackets, no zone. */
    public static IpAddress parse(byte[] bytes, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] == ':') {
                return parseV6(bytes, from, to);
            }
        }
        long v4 = parseV4(bytes, from, to);
        return v4 < 0 ? null : IpAddress.ofV4((int) v4);
    }

    /**
     * The client field of a log line as servers write it: a literal, optionally as {@code [v6]}, optionally
     * with an IPv6 zone ({@code fe80::1%eth0}) which names a local interface and is dropped.
     */
    public static IpAddress parseClientField(byte[] bytes, int from, int to) {
        if (to - from >= 2 && bytes[from] == '[' && bytes[to - 1] == ']') {
            from++;
            to--;
        }
        int zoneStart = indexOf(bytes, from, to, (byte) '%');
        if (zoneStart < 0) {
            return parse(bytes, from, to);
        }
        if (!isValidZone(bytes, zoneStart + 1, to)) {
            return null;
        }
        IpAddress address = parse(bytes, from, zoneStart);
        return address != null && address.version() == 6 ? address : null;
    }

    public static IpAddress parseClientField(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parseClientField(bytes, 0, bytes.length);
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

    private static IpAddress parseV6(byte[] bytes, int from, int to) {
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = from;
        if (bytes[i] == ':') {
            if (bytes[i + 1] != ':') {
                return null;
            }
            compressAt = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && hexValue(bytes[i]) >= 0) {
                value = (value << 4) | hexValue(bytes[i]);
                i++;
            }
            if (i < to && bytes[i] == '.') {
                long v4 = parseV4(bytes, start, to);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups[count++] = value;
            if (i == to) {
                break;
            }
            if (bytes[i] != ':') {
                return null;
            }
            i++;
            if (i == to) {
                return null;
            }
            if (bytes[i] == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = count;
                i++;
            }
        }
        if (compressAt < 0 ? count != 8 : count > 7) {
            return null;
        }
        long high = 0;
        long low = 0;
        int zeros = 8 - count;
        int position = 0;
        for (int g = 0; g < count; g++) {
            if (g == compressAt) {
                position += zeros;
            }
            if (position < 4) {
                high |= (long) groups[g] << (48 - 16 * position);
            } else {
                low |= (long) groups[g] << (48 - 16 * (position - 4));
            }
            position++;
        }
        if (high == 0 && (low >>> 32) == V4_MAPPED_PREFIX) {
            return IpAddress.ofV4((int) low);
        }
        return IpAddress.ofV6(high, low);
    }

    private static boolean isValidZone(byte[] bytes, int from, int to) {
        if (to - from < 1 || to - from > 32) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean ok = isDigit(b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == '-' || b == '.';
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
        java.util.Arrays.fill(values, (byte) -1);
        for (int digit = 0; digit < 16; digit++) {
            values[Character.forDigit(digit, 16)] = (byte) digit;
            values[Character.toUpperCase(Character.forDigit(digit, 16))] = (byte) digit;
        }
        return values;
    }
}
