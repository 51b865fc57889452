package dev.logverdict.log.format;

import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;
import dev.logverdict.log.bytes.ByteSlice;

import java.util.function.Consumer;

/**
 * Finds address literals written inside a field (a query string, a referrer): maximal runs of hex digits,
 * dots and colons, bounded by anything else, that parse strictly. Never applied to user agents, where
 * version strings such as {@code Chrome/10.0.648.127} live.
 */
public final class IpFinder {

    private IpFinder() {}

    public static void findAll(ByteSlice field, Consumer<IpAddress> found) {
        if (!field.isPresent()) {
            return;
        }
        byte[] b = field.bytes();
        int i = field.from();
        int to = field.to();
        while (i < to) {
            if (!isAddressChar(b[i])) {
                i++;
                continue;
            }
            int start = i;
            boolean separator = false;
            while (i < to && isAddressChar(b[i])) {
                separator |= b[i] == '.' || b[i] == ':';
                i++;
            }
            int end = i;
            // A run glued to a letter or a slash-version (v1.2.3.4, /1.2.3.4.5) is not an address.
            boolean isolated =
                    (start == field.from() || !isWordChar(b[start - 1])) && (end == to || !isWordChar(b[end]));
            if (separator && isolated && end - start >= 2 && end - start <= 45) {
                IpAddress address = IpAddressParser.parse(b, start, end);
                if (address != null) {
                    found.accept(address);
                }
            }
        }
    }

    private static boolean isAddressChar(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    }

    private static boolean isWordChar(byte c) {
        return (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z') || c == '_';
    }
}
