package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the format line by line: the format of the last well-formed line is tried first (one
 * attempt per line in a uniform file); a line it rejects is offered to the other formats, and the first
 * that accepts it becomes current. So detection needs no look-ahead and a format change mid-file (a
 * concatenation, a rotated config) is followed. A line no format accepts keeps the current format's
 * reading of it, so its client is still counted.
 */
public final class FormatDetector {

    /** An array, not a list: this is read for every line, and Lambda's client JIT calls List.get. */
    private final LineParser[] parsers;

    private int current = -1;
    private ParsedLine primary = new ParsedLine();
    private ParsedLine alternative = new ParsedLine();

    public FormatDetector(Optional<LogFormat> fixed, Optional<String> jsonClientField) {
        List<LineParser> all = new ArrayList<>(List.of(
                new ClfParser(ClfParser.Variant.PLAIN),
                new ClfParser(ClfParser.Variant.VHOST_WITH_PORT),
                new ClfParser(ClfParser.Variant.VHOST_NO_PORT),
                new BalancerParser(true),
                new BalancerParser(false),
                new S3AccessLogParser(),
                new CloudFrontParser(),
                new JsonLineParser(jsonClientField)));
        if (fixed.isPresent()) {
            LogFormat format = fixed.get() == LogFormat.COMMON ? LogFormat.COMBINED : fixed.get();
            all.removeIf(parser -> parser.family() != format);
            current = 0;
        }
        this.parsers = all.toArray(LineParser[]::new);
    }

    private LineParser byFamily(LogFormat family) {
        for (LineParser parser : parsers) {
            if (parser.family() == family) {
                return parser;
            }
        }
        return parsers[0];
    }

    private static boolean looksLikeJson(byte[] b, int from, int to) {
        return to > from && b[from] == '{';
    }

    public ParsedLine parse(byte[] b, int from, int to) {
        if (current >= 0) {
            primary.reset();
            if (parsers[current].parse(b, from, to, primary)) {
                return primary;
            }
        }
        for (int i = 0; i < parsers.length; i++) {
            if (i == current) {
                continue;
            }
            alternative.reset();
            if (parsers[i].parse(b, from, to, alternative)) {
                current = i;
                ParsedLine accepted = alternative;
                alternative = primary;
                primary = accepted;
                return primary;
            }
        }
        LineParser fallback = looksLikeJson(b, from, to) ? byFamily(LogFormat.JSON) : current < 0 ? parsers[0] : null;
        if (fallback != null && (current < 0 || fallback != parsers[current])) {
            // Read a line nobody accepts the way its shape suggests, so its client is still found.
            primary.reset();
            fallback.parse(b, from, to, primary);
        }
        return primary;
    }
}
