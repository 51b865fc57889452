package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.AsciiNumbers;
import dev.logverdict.log.bytes.ByteSlice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Amazon CloudFront standard logs: W3C extended format, tab-separated, with {@code #Version} and
 * {@code #Fields} directives. Columns are found through the last {@code #Fields} line (CloudFront has
 * added columns over the years); before one is seen, CloudFront's documented order is assumed.
 */
final class CloudFrontParser implements LineParser {

    private static final List<String> DEFAULT_FIELDS = List.of(
            "date",
            "time",
            "x-edge-location",
            "sc-bytes",
            "c-ip",
            "cs-method",
            "cs(Host)",
            "cs-uri-stem",
            "sc-status",
            "cs(Referer)",
            "cs(User-Agent)",
            "cs-uri-query",
            "cs(Cookie)",
            "x-edge-result-type",
            "x-edge-request-id",
            "x-host-header",
            "cs-protocol",
            "cs-bytes",
            "time-taken",
            "x-forwarded-for",
            "ssl-protocol",
            "ssl-cipher",
            "x-edge-response-result-type",
            "cs-protocol-version",
            "fle-status",
            "fle-encrypted-fields",
            "c-port",
            "time-to-first-byte",
            "x-edge-detailed-result-type",
            "sc-content-type",
            "sc-content-len",
            "sc-range-start",
            "sc-range-end");
    private static final byte[] FIELDS_DIRECTIVE = "#Fields:".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_COLUMNS = 64;

    private int date;
    private int time;
    private int clientIp;
    private int method;
    private int uriStem;
    private int status;
    private int bytes;
    private int referer;
    private int userAgent;
    private int forwardedFor;
    private int columns;
    private final int[] start = new int[MAX_COLUMNS];
    private final int[] end = new int[MAX_COLUMNS];

    CloudFrontParser() {
        useFields(DEFAULT_FIELDS);
    }

    @Override
    public LogFormat family() {
        return LogFormat.CLOUDFRONT;
    }

    @Override
    public boolean parse(byte[] b, int from, int to, ParsedLine out) {
        if (to > from && b[from] == '#') {
            if (startsWith(b, from, to, FIELDS_DIRECTIVE)) {
                String names = new String(
                                b,
                                from + FIELDS_DIRECTIVE.length,
                                to - from - FIELDS_DIRECTIVE.length,
                                StandardCharsets.US_ASCII)
                        .trim();
                useFields(Arrays.asList(names.split("\\s+")));
                if (clientIp < 0) {
                    out.malformed("#Fields has no c-ip column");
                    return false;
                }
            }
            out.directive = true;
            out.format = LogFormat.CLOUDFRONT;
            return true;
        }
        int count = 0;
        int s = from;
        for (int i = from; i <= to && count < MAX_COLUMNS; i++) {
            if (i == to || b[i] == '\t') {
                start[count] = s;
                end[count] = i;
                count++;
                s = i + 1;
            }
        }
        if (count < columns || count < 2) {
            out.malformed("fewer tab-separated columns than #Fields names");
            if (clientIp >= 0 && clientIp < count) {
                out.client.set(b, start[clientIp], end[clientIp]);
            }
            return false;
        }
        out.epochSecond = date >= 0 && time >= 0
                ? Timestamps.w3c(b, start[date], end[date], start[time], end[time])
                : ParsedLine.NO_TIMESTAMP;
        if (out.epochSecond == ParsedLine.NO_TIMESTAMP) {
            out.malformed("invalid date/time columns");
            return false;
        }
        out.client.set(b, start[clientIp], end[clientIp]);
        setIfPresent(out.method, b, method);
        setIfPresent(out.path, b, uriStem);
        setIfPresent(out.referer, b, referer);
        setIfPresent(out.userAgent, b, userAgent);
        setIfPresent(out.forwardedFor, b, forwardedFor);
        if (status >= 0) {
            out.status = AsciiNumbers.status(b, start[status], end[status]);
        }
        if (bytes >= 0) {
            long size = AsciiNumbers.size(b, start[bytes], end[bytes]);
            out.responseBytes = size == AsciiNumbers.INVALID ? -1 : size;
        }
        out.format = LogFormat.CLOUDFRONT;
        return true;
    }

    private void setIfPresent(ByteSlice field, byte[] b, int column) {
        if (column >= 0) {
            field.set(b, start[column], end[column]);
        }
    }

    private void useFields(List<String> names) {
        columns = Math.min(names.size(), MAX_COLUMNS);
        date = names.indexOf("date");
        time = names.indexOf("time");
        clientIp = names.indexOf("c-ip");
        method = names.indexOf("cs-method");
        uriStem = names.indexOf("cs-uri-stem");
        status = names.indexOf("sc-status");
        bytes = names.indexOf("sc-bytes");
        referer = names.indexOf("cs(Referer)");
        userAgent = names.indexOf("cs(User-Agent)");
        forwardedFor = names.indexOf("x-forwarded-for");
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
