package dev.logverdict.log.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClfClockTest {

    private static long read(ClfClock clock, String time) {
        byte[] b = ("x" + time + "y").getBytes(StandardCharsets.ISO_8859_1);
        return clock.epochSecond(b, 1, b.length - 1);
    }

    private static long reference(String time) {
        byte[] b = time.getBytes(StandardCharsets.ISO_8859_1);
        return Timestamps.clf(b, 0, b.length);
    }

    @Test
    void readsEveryLineLikeTheFullParserWhetherOrNotItSharesTheLastMinute() {
        // Mutations of a few bases, one byte at a time: other seconds, minutes, zones, separators, junk.
        String[] bases = {
            "10/Mar/2024:00:00:00 +0000",
            "10/Mar/2024:00:00:59 +0000",
            "10/Mar/2024:00:01:00 -0700",
            "29/Feb/2024:23:59:60 +1400",
            "31/Dec/1999:23:59:59 +0000"
        };
        byte[] alphabet = "0123456789:/ +-MarFebDecx\u00ff\0".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(17);
        ClfClock clock = new ClfClock();
        for (int round = 0; round < 200_000; round++) {
            byte[] time = bases[random.nextInt(bases.length)].getBytes(StandardCharsets.ISO_8859_1);
            int mutations = random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                time[random.nextInt(time.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(time, StandardCharsets.ISO_8859_1);
            assertThat(read(clock, text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void aFreshClockMatchesNothingCachedEvenForZeroBytes() {
        String zeros = "\0".repeat(16) + "\u00ff:00\0\0\0\0\0\0";
        assertThat(read(new ClfClock(), zeros)).isEqualTo(ParsedLine.NO_TIMESTAMP);
        assertThat(read(new ClfClock(), "short")).isEqualTo(ParsedLine.NO_TIMESTAMP);
    }
}
