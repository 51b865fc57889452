package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.AsciiNumbers;

/**
 * Apache/Nginx {@code common} and {@code combined}, optionally preceded by the virtual host
 * ({@code vhost_combined}: {@code %v:%p %h …}, or {@code %v %h …}):
 * {@code client ident user [10/Oct/2000:13:55:36 -0700] "request" status bytes ["referer" "user-agent" [extra…]]}.
 * A quoted field right after the user agent that holds only addresses is taken as X-Forwarded-For, the
 * usual custom extension ({@code … "$http_user_agent" "$http_x_forwarded_for"}).
 */
final class ClfParser implements LineParser {

    enum Variant {
        PLAIN,
        VHOST_WITH_PORT,
        VHOST_NO_PORT
    }

    private final Variant variant;
    /** Kept in a field: the line loop reads it for every line, and a switch there is a call under C1. */
    private final LogFormat family;

    private final Tokens t = new Tokens();
    private final ClfClock clock = new ClfClock();

    ClfParser(Variant variant) {
        this.variant = variant;
        this.family = switch (variant) {
            case PLAIN -> LogFormat.COMBINED;
            case VHOST_WITH_PORT -> LogFormat.VHOST_COMBINED;
            case VHOST_NO_PORT -> LogFormat.VHOST_COMBINED_NO_PORT;
        };
    }

    @Override
    public LogFormat family() {
        return family;
    }

    @Override
    public boolean parse(byte[] b, int from, int to, ParsedLine out) {
        t.split(b, from, to, 16);
        int c = variant == Variant.PLAIN ? 0 : 1;
        if (t.count <= c) {
            out.malformed(c == 0 ? "empty client field" : "missing virtual host field");
            return false;
        }
        if (!t.is(c, Tokens.QUOTED)) {
            t.copyTo(c, out.client);
        }
        if (c == 1 && !virtualHostMatches(b)) {
            out.malformed("first field is not a virtual host");
            return false;
        }
        if (t.count == c + 1 && !t.unterminated) {
            out.malformed("no field separator after the client field");
            return false;
        }
        if (!t.is(c + 3, Tokens.BRACKETED)) {
            out.malformed(t.count > c + 3 && t.unterminated ? "unterminated [timestamp]" : "missing [timestamp]");
            return false;
        }
        if (t.unterminated && t.count == c + 4) {
            out.malformed("unterminated [timestamp]");
            return false;
        }
        out.epochSecond = clock.epochSecond(b, t.start[c + 3], t.end[c + 3]);
        if (out.epochSecond == ParsedLine.NO_TIMESTAMP) {
            out.malformed("invalid timestamp");
            return false;
        }
        if (!t.is(c + 4, Tokens.QUOTED)) {
            out.malformed("missing quoted request field");
            return false;
        }
        if (t.unterminated && t.count == c + 5) {
            out.malformed("unterminated request field");
            return false;
        }
        RequestLine.split(b, t.start[c + 4], t.end[c + 4], out);
        if (t.count <= c + 5) {
            out.malformed("missing status field");
            return false;
        }
        out.status = AsciiNumbers.status(b, t.start[c + 5], t.end[c + 5]);
        if (out.status < 0 || !t.is(c + 5, Tokens.BARE)) {
            out.malformed("invalid status code");
            return false;
        }
        if (t.count <= c + 6) {
            out.malformed("missing size field");
            return false;
        }
        out.responseBytes = AsciiNumbers.size(b, t.start[c + 6], t.end[c + 6]);
        if (out.responseBytes == AsciiNumbers.INVALID || !t.is(c + 6, Tokens.BARE)) {
            out.malformed("invalid size field");
            return false;
        }
        if (t.count == c + 7 && !t.unterminated) {
            out.format = c == 0 ? LogFormat.COMMON : family;
            return true;
        }
        if (!t.is(c + 7, Tokens.QUOTED)) {
            out.malformed("unexpected content after the size field");
            return false;
        }
        if (t.unterminated && t.count == c + 8) {
            out.malformed("unterminated referer field");
            return false;
        }
        t.copyTo(c + 7, out.referer);
        if (!t.is(c + 8, Tokens.QUOTED)) {
            out.malformed("missing user-agent field");
            return false;
        }
        if (t.unterminated && t.count == c + 9) {
            out.malformed("unterminated user-agent field");
            return false;
        }
        t.copyTo(c + 8, out.userAgent);
        if (t.is(c + 9, Tokens.QUOTED) && looksLikeAddressList(b, t.start[c + 9], t.end[c + 9])) {
            t.copyTo(c + 9, out.forwardedFor);
        }
        out.format = family;
        return true;
    }

    private boolean virtualHostMatches(byte[] b) {
        if (!t.is(0, Tokens.BARE)) {
            return false;
        }
        int colon = Tokens.lastIndexOf(b, t.start[0], t.end[0], (byte) ':');
        boolean hasPort = colon > t.start[0] && AsciiNumbers.digits(b, colon + 1, t.end[0]) != AsciiNumbers.INVALID;
        return variant == Variant.VHOST_WITH_PORT ? hasPort : colon < 0;
    }

    /** Only address characters, commas and spaces: an X-Forwarded-For value, or '-'. */
    static boolean looksLikeAddressList(byte[] b, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = b[i];
            boolean ok = (c >= '0' && c <= '9')
                    || (c >= 'a' && c <= 'f')
                    || (c >= 'A' && c <= 'F')
                    || c == '.'
                    || c == ':'
                    || c == ','
                    || c == ' '
                    || c == '['
                    || c == ']'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
