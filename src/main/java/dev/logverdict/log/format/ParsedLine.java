package dev.logverdict.log.format;

import dev.logverdict.log.LogFormat;
import dev.logverdict.log.bytes.ByteSlice;

/**
 * One line's fields. Mutable and reused line after line on purpose: the scanner runs at hundreds of MB/s
 * and allocating per line would dominate; nothing outside the scanner's loop ever holds one.
 */
public final class ParsedLine {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public final ByteSlice client = new ByteSlice();
    final ByteSlice forwardedFor = new ByteSlice();
    final ByteSlice method = new ByteSlice();
    final ByteSlice path = new ByteSlice();
    final ByteSlice referer = new ByteSlice();
    final ByteSlice userAgent = new ByteSlice();
    long epochSecond;
    public int status;
    long responseBytes;
    LogFormat format;
    String malformedReason;
    boolean directive;

    void reset() {
        client.clear();
        forwardedFor.clear();
        method.clear();
        path.clear();
        referer.clear();
        userAgent.clear();
        epochSecond = NO_TIMESTAMP;
        status = -1;
        responseBytes = -1;
        format = null;
        malformedReason = null;
        directive = false;
    }

    public void malformed(String reason) {
        malformedReason = reason;
    }

    public ByteSlice client() {
        return client;
    }

    /** The X-Forwarded-For value the format carries, if any. */
    public ByteSlice forwardedFor() {
        return forwardedFor;
    }

    public ByteSlice method() {
        return method;
    }

    public ByteSlice path() {
        return path;
    }

    public ByteSlice referer() {
        return referer;
    }

    public ByteSlice userAgent() {
        return userAgent;
    }

    /** Seconds since the epoch, or {@link #NO_TIMESTAMP}. */
    public long epochSecond() {
        return epochSecond;
    }

    /** HTTP status, or -1. */
    public int status() {
        return status;
    }

    /** Response size in bytes, or -1 when logged as '-' or missing. */
    public long responseBytes() {
        return responseBytes;
    }

    public LogFormat format() {
        return format;
    }

    public boolean isMalformed() {
        return malformedReason != null;
    }

    public String malformedReason() {
        return malformedReason;
    }

    /** A header line (W3C {@code #Fields:}), not a request. */
    public boolean isDirective() {
        return directive;
    }
}
