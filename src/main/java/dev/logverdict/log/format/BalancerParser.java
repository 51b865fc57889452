package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.AsciiNumbers;

/**
 * AWS load balancer access logs. Application Load Balancer:
 * {@code type time elb client:port target:port t1 t2 t3 elb_status target_status received sent "request" "user_agent" …};
 * Classic ELB: the same without the leading type. The client is what the balancer saw (no X-Forwarded-For
 * in these logs); IPv6 clients are not bracketed, so the port is split off at the last colon.
 */
final class BalancerParser implements LineParser {

    private final boolean application;
    private final int o;
    private final Tokens t = new Tokens();

    BalancerParser(boolean application) {
        this.application = application;
        this.o = application ? 1 : 0;
    }

    @Override
    public LogFormat family() {
        return application ? LogFormat.ALB : LogFormat.ELB;
    }

    @Override
    public boolean parse(byte[] b, int from, int to, ParsedLine out) {
        t.split(b, from, to, 20);
        if (application && !isAlbType(b)) {
            out.malformed("not an ALB line (unknown type field)");
            return false;
        }
        if (t.count <= o + 2) {
            out.malformed("too few fields for a load balancer line");
            return false;
        }
        out.epochSecond = Timestamps.iso(b, t.start[o], t.end[o]);
        if (out.epochSecond == ParsedLine.NO_TIMESTAMP) {
            out.malformed("invalid timestamp");
            return false;
        }
        int clientFrom = t.start[o + 2];
        int clientTo = t.end[o + 2];
        if (!(clientTo - clientFrom == 1 && b[clientFrom] == '-')) {
            int colon = Tokens.lastIndexOf(b, clientFrom, clientTo, (byte) ':');
            if (colon < 0 || AsciiNumbers.digits(b, colon + 1, clientTo) == AsciiNumbers.INVALID) {
                out.malformed("client field is not address:port");
                return false;
            }
            out.client.set(b, clientFrom, colon);
        }
        if (t.count < o + 11 || !t.is(o + 11, Tokens.QUOTED)) {
            out.malformed(t.unterminated ? "unterminated request field" : "too few fields for a load balancer line");
            return false;
        }
        int status = AsciiNumbers.status(b, t.start[o + 7], t.end[o + 7]);
        out.status = status;
        if (status < 0 && !(t.length(o + 7) == 1 && b[t.start[o + 7]] == '-')) {
            out.malformed("invalid status code");
            return false;
        }
        out.responseBytes = AsciiNumbers.size(b, t.start[o + 10], t.end[o + 10]);
        if (out.responseBytes == AsciiNumbers.INVALID) {
            out.malformed("invalid size field");
            return false;
        }
        RequestLine.split(b, t.start[o + 11], t.end[o + 11], out);
        if (t.is(o + 12, Tokens.QUOTED)) {
            t.copyTo(o + 12, out.userAgent);
        } else if (t.unterminated) {
            out.malformed("unterminated user-agent field");
            return false;
        }
        out.format = family();
        return true;
    }

    private boolean isAlbType(byte[] b) {
        if (!t.is(0, Tokens.BARE)) {
            return false;
        }
        int len = t.length(0);
        int s = t.start[0];
        return switch (len) {
            case 2 -> (b[s] == 'h' && b[s + 1] == '2') || (b[s] == 'w' && b[s + 1] == 's');
            case 3 -> b[s] == 'w' && b[s + 1] == 's' && b[s + 2] == 's';
            case 4 -> b[s] == 'h' && b[s + 1] == 't' && b[s + 2] == 't' && b[s + 3] == 'p';
            case 5 ->
                (b[s] == 'h' && b[s + 1] == 't' && b[s + 2] == 't' && b[s + 3] == 'p' && b[s + 4] == 's')
                        || (b[s] == 'g' && b[s + 1] == 'r' && b[s + 2] == 'p' && b[s + 3] == 'c' && b[s + 4] == 's');
            default -> false;
        };
    }
}
