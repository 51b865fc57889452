package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;

/** Parses lines of one format. Implementations keep per-file state (W3C #Fields) and reuse buffers. */
interface LineParser {

    /**
     * Fills {@code out} (already reset). On a line of another shape, sets a malformed reason and still
     * sets the client field when the line starts the way this format does.
     *
     * @return true when the line is a well-formed line of this format
     */
    boolean parse(byte[] b, int from, int to, ParsedLine out);

    /** The format this parser would name for a line it accepts (the first variant it reports). */
    LogFormat family();
}
