package dev.logverdict.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's timestamps read exactly as {@link Instant#toString()} writes them, whatever second a log claims. */
class UtcSecondsTest {

    @Test
    void writesEverySecondAsInstantDoes() {
        long[] edges = {
            0,
            -1,
            59,
            60,
            86_399,
            86_400,
            951_782_400, // 2000-02-29
            1_764_236_131, // 2025-11-27T09:35:31Z
            253_402_300_799L, // 9999-12-31T23:59:59Z, the last four-digit year
            253_402_300_800L, // +10000-01-01: the general formatter's sign
            -62_167_219_200L, // 0000-01-01
            -62_167_219_201L, // -0001-12-31
            Long.MIN_VALUE / 1_000_000_000L,
            Long.MAX_VALUE / 1_000_000_000L,
            Instant.MIN.getEpochSecond(),
            Instant.MAX.getEpochSecond() // a year past LocalDate's range
        };
        for (long second : edges) {
            if (second >= Instant.MIN.getEpochSecond() && second <= Instant.MAX.getEpochSecond()) {
                assertThat(UtcSeconds.format(second))
                        .as("second %d", second)
                        .isEqualTo(Instant.ofEpochSecond(second).toString());
            }
        }
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-62_167_219_200L * 2, 253_402_300_800L * 2);
            assertThat(UtcSeconds.format(second))
                    .as("second %d", second)
                    .isEqualTo(Instant.ofEpochSecond(second).toString());
        }
    }
}
