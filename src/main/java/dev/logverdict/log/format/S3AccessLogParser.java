package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.AsciiNumbers;

/**
 * Amazon S3 server access logs:
 * {@code owner bucket [06/Feb/2019:00:00:38 +0000] remote_ip requester request_id operation key "request_uri"
 * status error_code bytes_sent object_size total_time turn_around_time "referer" "user_agent" …}.
 */
final class S3AccessLogParser implements LineParser {

    private final Tokens t = new Tokens();
    private final ClfClock clock = new ClfClock();

    @Override
    public LogFormat family() {
        return LogFormat.S3_ACCESS;
    }

    @Override
    public boolean parse(byte[] b, int from, int to, ParsedLine out) {
        t.split(b, from, to, 20);
        if (!t.is(2, Tokens.BRACKETED) || !t.is(0, Tokens.BARE) || !t.is(1, Tokens.BARE)) {
            out.malformed("not an S3 access log line");
            return false;
        }
        out.epochSecond = clock.epochSecond(b, t.start[2], t.end[2]);
        if (out.epochSecond == ParsedLine.NO_TIMESTAMP) {
            out.malformed("invalid timestamp");
            return false;
        }
        if (t.count <= 3) {
            out.malformed("missing remote_ip field");
            return false;
        }
        t.copyTo(3, out.client);
        if (t.count <= 8 || Tokens.indexOf(b, t.start[6], t.end[6], (byte) '.') < 0) {
            out.malformed("not an S3 access log line (operation field)");
            return false;
        }
        if (!t.is(8, Tokens.QUOTED) || (t.unterminated && t.count == 9)) {
            out.malformed("unterminated request field");
            return false;
        }
        RequestLine.split(b, t.start[8], t.end[8], out);
        if (t.count < 17) {
            out.malformed("too few fields for an S3 access log line");
            return false;
        }
        out.status = AsciiNumbers.status(b, t.start[9], t.end[9]);
        out.responseBytes = AsciiNumbers.size(b, t.start[11], t.end[11]);
        if (out.responseBytes == AsciiNumbers.INVALID) {
            out.malformed("invalid bytes_sent field");
            return false;
        }
        if (t.is(15, Tokens.QUOTED)) {
            t.copyTo(15, out.referer);
        }
        if (t.is(16, Tokens.QUOTED)) {
            t.copyTo(16, out.userAgent);
        }
        out.format = LogFormat.S3_ACCESS;
        return true;
    }
}
