package dev.logverdict.log.format;

/**
 * Log timestamps from bytes into epoch seconds without allocating: the common log format
 * {@code 10/Oct/2000:13:55:36 -0700}, ISO 8601 {@code 2018-07-02T22:23:00.186641Z} (or with an offset), and
 * W3C date plus time. Returns {@link ParsedLine#NO_TIMESTAMP} for anything else.
 */
final class Timestamps {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Timestamps() {}

    static long clf(byte[] b, int from, int to) {
        if (to - from != 26
                || b[from + 2] != '/'
                || b[from + 6] != '/'
                || b[from + 11] != ':'
                || b[from + 14] != ':'
                || b[from + 17] != ':'
                || b[from + 20] != ' ') {
            return ParsedLine.NO_TIMESTAMP;
        }
        int offset = offsetSeconds(b, from + 21, 4, false);
        if (offset == Integer.MIN_VALUE) {
            return ParsedLine.NO_TIMESTAMP;
        }
        return epoch(
                digits(b, from + 7, 4),
                month(b, from + 3),
                digits(b, from, 2),
                digits(b, from + 12, 2),
                digits(b, from + 15, 2),
                digits(b, from + 18, 2),
                offset);
    }

    static long iso(byte[] b, int from, int to) {
        if (to - from < 19
                || b[from + 4] != '-'
                || b[from + 7] != '-'
                || (b[from + 10] != 'T' && b[from + 10] != ' ')
                || b[from + 13] != ':'
                || b[from + 16] != ':') {
            return ParsedLine.NO_TIMESTAMP;
        }
        int i = from + 19;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        int offset;
        if (i == to) {
            offset = 0;
        } else if (b[i] == 'Z' && i + 1 == to) {
            offset = 0;
        } else if (to - i == 6 && b[i + 3] == ':') {
            offset = offsetSeconds(b, i, 5, true);
        } else if (to - i == 5) {
            offset = offsetSeconds(b, i, 4, false);
        } else {
            return ParsedLine.NO_TIMESTAMP;
        }
        if (offset == Integer.MIN_VALUE) {
            return ParsedLine.NO_TIMESTAMP;
        }
        return epoch(
                digits(b, from, 4),
                digits(b, from + 5, 2),
                digits(b, from + 8, 2),
                digits(b, from + 11, 2),
                digits(b, from + 14, 2),
                digits(b, from + 17, 2),
                offset);
    }

    /** W3C: {@code 2019-12-04} and {@code 21:02:31} in two fields, UTC. */
    static long w3c(byte[] b, int dateFrom, int dateTo, int timeFrom, int timeTo) {
        if (dateTo - dateFrom != 10
                || timeTo - timeFrom != 8
                || b[dateFrom + 4] != '-'
                || b[dateFrom + 7] != '-'
                || b[timeFrom + 2] != ':'
                || b[timeFrom + 5] != ':') {
            return ParsedLine.NO_TIMESTAMP;
        }
        return epoch(
                digits(b, dateFrom, 4),
                digits(b, dateFrom + 5, 2),
                digits(b, dateFrom + 8, 2),
                digits(b, timeFrom, 2),
                digits(b, timeFrom + 3, 2),
                digits(b, timeFrom + 6, 2),
                0);
    }

    private static long epoch(int year, int month, int day, int hour, int minute, int second, int offsetSeconds) {
        if (year < 1970
                || year > 9999
                || month < 1
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 60) {
            return ParsedLine.NO_TIMESTAMP;
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    /** {@code +hhmm} or {@code +hh:mm}; Integer.MIN_VALUE when invalid. */
    private static int offsetSeconds(byte[] b, int at, int length, boolean withColon) {
        byte sign = b[at];
        int hours = digits(b, at + 1, 2);
        int minutes = digits(b, at + (withColon ? 4 : 3), 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    private static int month(byte[] b, int from) {
        for (int m = 0; m < 12; m++) {
            int at = m * 3;
            if (b[from] == MONTHS.charAt(at)
                    && b[from + 1] == MONTHS.charAt(at + 1)
                    && b[from + 2] == MONTHS.charAt(at + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            case 1, 3, 5, 7, 8, 10, 12 -> 31;
            default -> 0;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
