package dev.logverdict.ip;

/**
 * Finds the real client behind trusted proxies: walking X-Forwarded-For from the right, the first address
 * that is not a trusted proxy. Everything left of it was written by the client and proves nothing. An
 * entry that is not an address ends the walk at the last hop we can vouch for.
 */
public final class ForwardedChain {

    private ForwardedChain() {}

    /**
     * @param direct       the peer that connected to the server
     * @param xff          the X-Forwarded-For bytes ({@code "203.0.113.7, 10.0.0.2"}), may be empty
     * @return the origin; {@code direct} itself when it is not trusted or the header adds nothing usable
     */
    public static IpAddress origin(IpAddress direct, byte[] xff, int from, int to, TrustedProxies trusted) {
        if (!trusted.trusts(direct)) {
            return direct;
        }
        IpAddress current = direct;
        int end = to;
        while (end > from) {
            int comma = end - 1;
            while (comma >= from && xff[comma] != ',') {
                comma--;
            }
            IpAddress hop = parseHop(xff, comma + 1, end);
            if (hop == null) {
                return current;
            }
            if (!trusted.trusts(hop)) {
                return hop;
            }
            current = hop;
            end = comma;
        }
        return current;
    }

    /** One entry: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code 2001:db8::1}, {@code [2001:db8::1]:443}. */
    static IpAddress parseHop(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (to - from == 1 && b[from] == '-') {
            return null;
        }
        if (from < to && b[from] == '[') {
            int close = from;
            while (close < to && b[close] != ']') {
                close++;
            }
            return close < to ? IpAddressParser.parse(b, from + 1, close) : null;
        }
        IpAddress address = IpAddressParser.parse(b, from, to);
        if (address != null) {
            return address;
        }
        int colon = to - 1;
        while (colon > from && b[colon] != ':') {
            colon--;
        }
        if (colon > from) {
            IpAddress v4 = IpAddressParser.parse(b, from, colon);
            if (v4 != null && v4.version() == 4) {
                return v4;
            }
        }
        return null;
    }
}
