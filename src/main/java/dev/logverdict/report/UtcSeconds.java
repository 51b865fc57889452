package dev.logverdict.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A whole second as {@link Instant#toString()} writes it ({@code 2026-11-27T10:15:31Z}), without the general
 * formatter: a report writes two or three for every client, and the JDK's formatter was the largest single
 * cost of building the entries (docs/performance.md, "End to end, as the product runs"). Seconds outside
 * four-digit years, which the general formatter writes with a sign, go to it.
 */
final class UtcSeconds {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the seconds written with four-digit years. */
    private static final long FIRST = -62_167_219_200L;

    private static final long LAST = 253_402_300_799L;

    private UtcSeconds() {}

    static String format(long epochSecond) {
        if (epochSecond < FIRST || epochSecond > LAST) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        char[] text = new char[20];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
