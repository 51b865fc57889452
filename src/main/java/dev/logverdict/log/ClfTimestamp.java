package dev.logverdict.log;

/** Parses the common log format time {@code 10/Oct/2000:13:55:36 -0700} from bytes into epoch seconds. */
final class ClfTimestamp {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private ClfTimestamp() {
    }

    static long parse(byte[] b, int from, int to) {
        if (to - from != 26 || b[from + 2] != '/' || b[from + 6] != '/' || b[from + 11] != ':'
                || b[from + 14] != ':' || b[from + 17] != ':' || b[from + 20] != ' ') {
            return ParsedLine.NO_TIMESTAMP;
        }
        int day = digits(b, from, 2);
        int month = month(b, from + 3);
        int year = digits(b, from + 7, 4);
        int hour = digits(b, from + 12, 2);
        int minute = digits(b, from + 15, 2);
        int second = digits(b, from + 18, 2);
        byte sign = b[from + 21];
        int offsetHours = digits(b, from + 22, 2);
        int offsetMinutes = digits(b, from + 24, 2);
        if (day < 1 || day > 31 || month < 1 || year < 1970 || year > 9999 || hour > 23 || minute > 59
                || second > 60 || (sign != '+' && sign != '-') || offsetHours > 23 || offsetMinutes > 59
                || hour < 0 || minute < 0 || second < 0 || offsetHours < 0 || offsetMinutes < 0
                || day > daysInMonth(year, month)) {
            return ParsedLine.NO_TIMESTAMP;
        }
        long offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * (sign == '-' ? -1 : 1);
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
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
            if (b[from] == MONTHS.charAt(at) && b[from + 1] == MONTHS.charAt(at + 1) && b[from + 2] == MONTHS.charAt(at + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
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
