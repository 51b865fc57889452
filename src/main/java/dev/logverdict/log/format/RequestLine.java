package dev.logverdict.log.format;

/** Splits an HTTP request line {@code METHOD target PROTOCOL} into method and path (target). */
final class RequestLine {

    private RequestLine() {}

    static void split(byte[] b, int from, int to, ParsedLine out) {
        int firstSpace = Tokens.indexOf(b, from, to, (byte) ' ');
        if (firstSpace <= from) {
            return;
        }
        out.method.set(b, from, firstSpace);
        int pathEnd = Tokens.lastIndexOf(b, firstSpace + 1, to, (byte) ' ');
        out.path.set(b, firstSpace + 1, pathEnd > firstSpace ? pathEnd : to);
    }
}
