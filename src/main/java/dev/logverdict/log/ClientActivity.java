package dev.logverdict.log;


/** What one client IP did in the log. An accumulator, updated once per line of that client. */
public final class ClientActivity {

    private long requests;
    private long firstSeen = ParsedLine.NO_TIMESTAMP;
    private long lastSeen = ParsedLine.NO_TIMESTAMP;

    void record(long epochSecond) {
        requests++;
        if (epochSecond != ParsedLine.NO_TIMESTAMP) {
            if (firstSeen == ParsedLine.NO_TIMESTAMP || epochSecond < firstSeen) {
                firstSeen = epochSecond;
            }
            if (lastSeen == ParsedLine.NO_TIMESTAMP || epochSecond > lastSeen) {
                lastSeen = epochSecond;
            }
        }
    }

    public long requests() {
        return requests;
    }

    /** Earliest timestamp seen, epoch seconds, or {@link ParsedLine#NO_TIMESTAMP}. */
    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }
}
