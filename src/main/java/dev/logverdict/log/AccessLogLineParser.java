package dev.logverdict.log;

/**
 * Apache/Nginx common and combined lines:
 * {@code client ident user [dd/Mon/yyyy:HH:mm:ss +zzzz] "request" status bytes ["referer" "user-agent" ...]}.
 * The client field is taken first and on its own, so a line whose tail is garbage still yields its client.
 * Quoted fields honour backslash escapes (Apache writes {@code \"} inside them).
 */
public final class AccessLogLineParser {

    private AccessLogLineParser() {
    }

    public static void parse(byte[] b, int from, int to, ParsedLine out) {
        out.reset();
        int clientEnd = indexOf(b, from, to, (byte) ' ');
        if (clientEnd < 0) {
            out.clientFrom = from;
            out.clientTo = to;
            out.malformedReason = "no field separator after the client field";
            return;
        }
        out.clientFrom = from;
        out.clientTo = clientEnd;
        int i = skipToken(b, clientEnd + 1, to); // ident
        if (i < 0) {
            out.malformedReason = "truncated before the ident field";
            return;
        }
        i = skipToken(b, i, to); // authenticated user
        if (i < 0 || i >= to || b[i] != '[') {
            out.malformedReason = "missing [timestamp]";
            return;
        }
        int closing = indexOf(b, i + 1, to, (byte) ']');
        if (closing < 0) {
            out.malformedReason = "unterminated [timestamp]";
            return;
        }
        out.epochSecond = ClfTimestamp.parse(b, i + 1, closing);
        if (out.epochSecond == ParsedLine.NO_TIMESTAMP) {
            out.malformedReason = "invalid timestamp";
            return;
        }
        i = closing + 1;
        if (!expect(b, i, to, (byte) ' ') || !expect(b, i + 1, to, (byte) '"')) {
            out.malformedReason = "missing quoted request field";
            return;
        }
        int requestEnd = endOfQuoted(b, i + 2, to);
        if (requestEnd < 0) {
            out.malformedReason = "unterminated request field";
            return;
        }
        out.requestFrom = i + 2;
        out.requestTo = requestEnd;
        i = requestEnd + 1;
        if (!expect(b, i, to, (byte) ' ')) {
            out.malformedReason = "missing status field";
            return;
        }
        int statusEnd = tokenEnd(b, i + 1, to);
        int status = parseStatus(b, i + 1, statusEnd);
        if (status < 0) {
            out.malformedReason = "invalid status code";
            return;
        }
        out.status = status;
        i = statusEnd;
        if (!expect(b, i, to, (byte) ' ')) {
            out.malformedReason = "missing size field";
            return;
        }
        int sizeEnd = tokenEnd(b, i + 1, to);
        long size = parseSize(b, i + 1, sizeEnd);
        if (size == Long.MIN_VALUE) {
            out.malformedReason = "invalid size field";
            return;
        }
        out.responseBytes = size;
        i = sizeEnd;
        if (i == to) {
            out.format = LogFormat.COMMON;
            return;
        }
        if (!expect(b, i + 1, to, (byte) '"')) {
            out.malformedReason = "unexpected content after the size field";
            return;
        }
        int refererEnd = endOfQuoted(b, i + 2, to);
        if (refererEnd < 0) {
            out.malformedReason = "unterminated referer field";
            return;
        }
        out.refererFrom = i + 2;
        out.refererTo = refererEnd;
        i = refererEnd + 1;
        if (!expect(b, i, to, (byte) ' ') || !expect(b, i + 1, to, (byte) '"')) {
            out.malformedReason = "missing user-agent field";
            return;
        }
        int userAgentEnd = endOfQuoted(b, i + 2, to);
        if (userAgentEnd < 0) {
            out.malformedReason = "unterminated user-agent field";
            return;
        }
        out.userAgentFrom = i + 2;
        out.userAgentTo = userAgentEnd;
        // Fields after the user agent (X-Forwarded-For, request time…) are custom extensions of combined.
        out.format = LogFormat.COMBINED;
    }

    private static boolean expect(byte[] b, int i, int to, byte wanted) {
        return i < to && b[i] == wanted;
    }

    /** Skips one space-free token and the single space after it; -1 when the line ends first. */
    private static int skipToken(byte[] b, int from, int to) {
        int end = tokenEnd(b, from, to);
        if (end == from || end >= to) {
            return -1;
        }
        return end + 1;
    }

    private static int tokenEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != ' ') {
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a field whose content starts at {@code from}; -1 if none. */
    private static int endOfQuoted(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int parseStatus(byte[] b, int from, int to) {
        if (to - from != 3) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value >= 100 && value <= 599 ? value : -1;
    }

    /** Digits, or '-' for "no body" (-1); Long.MIN_VALUE when invalid. */
    private static long parseSize(byte[] b, int from, int to) {
        if (to - from == 1 && b[from] == '-') {
            return -1;
        }
        if (to == from || to - from > 18) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
