package dev.logverdict.log.format;

/**
 * RFC 1123 host names as servers log them when HostnameLookups is on. Such a client is reported as
 * written and never resolved: resolving attacker-chosen names would leak the scan to their DNS.
 */
public final class HostnameSyntax {

    private HostnameSyntax() {}

    public static boolean isHostname(byte[] b, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 253) {
            return false;
        }
        boolean sawLetter = false;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1 || labelLength > 63 || b[labelStart] == '-' || b[i - 1] == '-') {
                    return i == to && labelLength == 0 && i > from && sawLetter; // one trailing dot is fine
                }
                labelStart = i + 1;
                continue;
            }
            byte c = b[i];
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
            sawLetter |= letter;
        }
        // All-numeric dotted names (999.1.1.1) are broken addresses, not hosts.
        return sawLetter;
    }
}
