package dev.logverdict.log.format;

import dev.logverdict.log.bytes.ByteSearch;

/**
 * Common-log times ({@code 10/Oct/2000:13:55:36 -0700}) with the last minute remembered: logs are written
 * in time order, so most lines share the previous line's date, hour, minute and zone, and only their
 * seconds need reading. Any other line goes through {@link Timestamps#clf}, which also validates it.
 */
final class ClfClock {

    private static final int LENGTH = 26;
    private static final long SECONDS_BYTES = 0xFFFFL;

    private long day;
    private long time;
    /** Out of byte range until a time was read, so nothing matches the empty cache. */
    private int minuteLastByte = Integer.MIN_VALUE;

    private long zone;
    private long minuteEpoch;

    long epochSecond(byte[] b, int from, int to) {
        if (to - from != LENGTH) {
            return ParsedLine.NO_TIMESTAMP;
        }
        long first = ByteSearch.word(b, from);
        long second = ByteSearch.word(b, from + 8);
        long last = ByteSearch.word(b, from + 18) & ~SECONDS_BYTES;
        int seconds = seconds(b, from);
        if (seconds >= 0 && first == day && second == time && b[from + 16] == minuteLastByte && last == zone) {
            return minuteEpoch + seconds;
        }
        long epoch = Timestamps.clf(b, from, to);
        if (epoch != ParsedLine.NO_TIMESTAMP && seconds >= 0) {
            day = first;
            time = second;
            minuteLastByte = b[from + 16];
            zone = last;
            minuteEpoch = epoch - seconds;
        }
        return epoch;
    }

    /** The ":ss" at offset 17, 0..60 as {@link Timestamps#clf} accepts, or -1. */
    private static int seconds(byte[] b, int from) {
        int tens = b[from + 18] - '0';
        int units = b[from + 19] - '0';
        if (b[from + 17] != ':' || tens < 0 || tens > 9 || units < 0 || units > 9) {
            return -1;
        }
        int value = tens * 10 + units;
        return value <= 60 ? value : -1;
    }
}
