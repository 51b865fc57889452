package dev.logverdict.log.bytes;

import com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipHashTest {

    private static final SipHash HASHING = SipHash.keyedBy(new Random());
    /** The reference implementation's test key, bytes 00 to 0f. */
    private static final long KEY0 = 0x0706050403020100L;

    private static final long KEY1 = 0x0F0E0D0C0B0A0908L;

    @Test
    void sipHash24MatchesThePublishedVectors() {
        SipHash reference = new SipHash(KEY0, KEY1, 2, 4);
        // Messages 00, 00 01, … of the reference implementation's vectors.h and of the paper's appendix.
        assertThat(reference.hash(counting(0), 0, 0)).isEqualTo(0x726fdb47dd0e0e31L);
        assertThat(reference.hash(counting(1), 0, 1)).isEqualTo(0x74f839c593dc67fdL);
        assertThat(reference.hash(counting(15), 0, 15)).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void sipHash24AgreesWithGuavasOnEveryLengthAndKey() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            long key0 = random.nextLong();
            long key1 = random.nextLong();
            byte[] message = new byte[random.nextInt(70)];
            random.nextBytes(message);
            byte[] padded = new byte[message.length + 9];
            int at = random.nextInt(10);
            System.arraycopy(message, 0, padded, at, message.length);
            long expected = Hashing.sipHash24(key0, key1).hashBytes(message).asLong();
            assertThat(new SipHash(key0, key1, 2, 4).hash(padded, at, at + message.length))
                    .as("%d bytes", message.length)
                    .isEqualTo(expected);
        }
    }

    @Test
    void dependsOnTheKey() {
        byte[] path = "/index.html".getBytes();
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            hashes.add(SipHash.keyedBy(new Random()).hash(path, 0, path.length));
        }
        assertThat(hashes).hasSize(100);
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

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
            assertThat(HASHING.hash(padded, at, at + text.length)).isEqualTo(HASHING.hash(text, 0, text.length));
        }
    }

    @Test
    void tellsApartEveryShortRangeAndEveryOneByteChange() {
        // Top-N values are told apart by this hash alone: every byte, the length and the
        // position of a byte must count, including trailing zero bytes and the partial last word.
        Set<Long> seen = new HashSet<>();
        byte[] base = "GET /index.html?session=8f14e45fceea167a5a36dedd4bea2543".getBytes();
        int ranges = 0;
        for (int length = 0; length <= base.length; length++) {
            assertThat(seen.add(HASHING.hash(base, 0, length)))
                    .as("prefix of %d", length)
                    .isTrue();
            ranges++;
            for (int at = 0; at < length; at++) {
                byte[] changed = base.clone();
                changed[at] ^= 1 << (at % 8);
                assertThat(seen.add(HASHING.hash(changed, 0, length)))
                        .as("length %d, byte %d", length, at)
                        .isTrue();
                ranges++;
            }
        }
        assertThat(seen).hasSize(ranges);
        Set<Long> zeroRuns = new HashSet<>();
        byte[] zeros = new byte[40];
        for (int length = 0; length <= zeros.length; length++) {
            assertThat(zeroRuns.add(HASHING.hash(zeros, 0, length)))
                    .as("%d zero bytes", length)
                    .isTrue();
        }
    }

    @Test
    void refusesARangeOutsideTheArrayInsteadOfReadingPastIt() {
        // The words are read unchecked inside a range checked once: that one check must cover every word.
        byte[] bytes = new byte[40];
        int[][] ranges = {
            {0, 41}, {-1, 20}, {30, 20}, {33, 48}, {8, Integer.MAX_VALUE}, {Integer.MAX_VALUE - 8, Integer.MAX_VALUE}
        };
        for (int[] range : ranges) {
            assertThatThrownBy(() -> HASHING.hash(bytes, range[0], range[1]))
                    .as("[%d, %d)", range[0], range[1])
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(HASHING.hash(bytes, 40, 40)).isEqualTo(HASHING.hash(new byte[0], 0, 0));
    }
}
