package dev.logverdict.log;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashingTest {

    @Test
    void dependsOnTheBytesOfTheRangeOnlyWhereverItSits() {
        Random random = new Random(5);
        for (int round = 0; round < 10_000; round++) {
            byte[] text = new byte[random.nextInt(60)];
            random.nextBytes(text);
            byte[] padded = new byte[text.length + 20];
            random.nextBytes(padded);
            int at = random.nextInt(11);
            System.arraycopy(text, 0, padded, at, text.length);
            assertThat(Hashing.hash(padded, at, at + text.length)).isEqualTo(Hashing.hash(text, 0, text.length));
        }
    }

    @Test
    void tellsApartEveryShortRangeAndEveryOneByteChange() {
        // Top-N values and shared texts are told apart by this hash alone: every byte, the length and the
        // position of a byte must count, including trailing zero bytes and the partial last word.
        Set<Long> seen = new HashSet<>();
        byte[] base = "GET /index.html?session=8f14e45fceea167a5a36dedd4bea2543".getBytes();
        int ranges = 0;
        for (int length = 0; length <= base.length; length++) {
            assertThat(seen.add(Hashing.hash(base, 0, length))).as("prefix of %d", length).isTrue();
            ranges++;
            for (int at = 0; at < length; at++) {
                byte[] changed = base.clone();
                changed[at] ^= 1 << (at % 8);
                assertThat(seen.add(Hashing.hash(changed, 0, length))).as("length %d, byte %d", length, at).isTrue();
                ranges++;
            }
        }
        assertThat(seen).hasSize(ranges);
        Set<Long> zeroRuns = new HashSet<>();
        byte[] zeros = new byte[40];
        for (int length = 0; length <= zeros.length; length++) {
            assertThat(zeroRuns.add(Hashing.hash(zeros, 0, length))).as("%d zero bytes", length).isTrue();
        }
    }

    @Test
    void refusesARangeOutsideTheArrayInsteadOfReadingPastIt() {
        // The words are read unchecked inside a range checked once: that one check must cover every word.
        byte[] bytes = new byte[40];
        int[][] ranges = {{0, 41}, {-1, 20}, {30, 20}, {33, 48}, {8, Integer.MAX_VALUE}, {Integer.MAX_VALUE - 8, Integer.MAX_VALUE}};
        for (int[] range : ranges) {
            assertThatThrownBy(() -> Hashing.hash(bytes, range[0], range[1]))
                    .as("[%d, %d)", range[0], range[1])
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(Hashing.hash(bytes, 40, 40)).isEqualTo(Hashing.hash(new byte[0], 0, 0));
    }
}
