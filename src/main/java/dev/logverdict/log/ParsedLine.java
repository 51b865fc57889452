package dev.logverdict.log;

/**
 * One line's fields as offsets into the line's bytes. Mutable and reused line after line on purpose:
 * the scanner runs at hundreds of MB/s and allocating per line would dominate; nothing outside the
 * scanner's loop ever holds one.
 */
public final class ParsedLine {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    int clientFrom;
    int clientTo;
    long epochSecond;
    int requestFrom;
    int requestTo;
    int status;
    long responseBytes;
    int refererFrom;
    int refererTo;
    int userAgentFrom;
    int userAgentTo;
    LogFormat format;
    String malformedReason;

    void reset() {
        clientFrom = clientTo = 0;
        epochSecond = NO_TIMESTAMP;
        requestFrom = requestTo = -1;
        status = -1;
        responseBytes = -1;
        refererFrom = refererTo = -1;
        userAgentFrom = userAgentTo = -1;
        format = null;
        malformedReason = null;
    }

    public int clientFrom() {
        return clientFrom;
    }

    public int clientTo() {
        return clientTo;
    }

    public boolean hasClient() {
        return clientTo > clientFrom;
    }

    /** Seconds since the epoch, or {@link #NO_TIMESTAMP} when the line had none that parsed. */
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

    /** Why the line did not match its format, or null. */
    public String malformedReason() {
        return malformedReason;
    }
}
