package dev.logverdict.log.bytes;

import dev.logverdict.log.format.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSearchTest {

    private static int naiveIndexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int naiveClosingQuote(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Bytes drawn mostly from the searched ones and from bytes one bit away from them (borrow and sign cases). */
    private static byte[] randomBytes(Random random, int length) {
        byte[] alphabet = {'"', '\\', ' ', '\n', 'a', '!', (byte) 0x80, (byte) 0xA2, (byte) 0xFF, 0, 1, '#', '[', ']'};
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    /** Up to 40 such bytes and a range in them, starting and ending anywhere. */
    private record Range(byte[] bytes, int from, int to) {
        static Range random(Random random) {
            byte[] bytes = randomBytes(random, 1 + random.nextInt(40));
            int from = random.nextInt(bytes.length);
            return new Range(bytes, from, from + random.nextInt(bytes.length - from + 1));
        }
    }

    @Test
    void findsTheSameFirstByteAsAByteByByteSearchAtEveryOffsetAndLength() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            Range r = Range.random(random);
            for (byte wanted : new byte[] {'"', ' ', '\n', (byte) 0xFF, 0}) {
                assertThat(ByteSearch.indexOf(r.bytes(), r.from(), r.to(), wanted))
                        .as("round %d, byte %d", round, wanted)
                        .isEqualTo(naiveIndexOf(r.bytes(), r.from(), r.to(), wanted));
            }
        }
    }

    @Test
    void closingQuoteHonoursBackslashEscapesAcrossWordBoundaries() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            Range r = Range.random(random);
            assertThat(Tokens.closingQuote(r.bytes(), r.from(), r.to()))
                    .as("round %d", round)
                    .isEqualTo(naiveClosingQuote(r.bytes(), r.from(), r.to()));
        }
    }

    @Test
    void readsWordsUnsafelyOnlyWhereTheJdkAllowsItAndNotWhenTurnedOff() {
        // The build runs these tests twice, once with the unsafe reads turned off (pom.xml, "safe-reads").
        boolean turnedOff = Boolean.getBoolean(ByteSearch.SAFE_READS);
        assertThat(ByteSearch.readsUnsafe())
                .isEqualTo(!turnedOff && Runtime.version().feature() < 24);
    }

    @Test
    void refusesRangesOutsideTheArrayInsteadOfReadingPastIt() {
        byte[] bytes = new byte[24];
        assertThatThrownBy(() -> ByteSearch.indexOf(bytes, 0, 25, (byte) 'x'))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteSearch.indexOf(bytes, -1, 8, (byte) 'x'))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteSearch.indexOf(bytes, 9, 8, (byte) 'x'))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteSearch.word(bytes, 17)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteSearch.word(bytes, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ByteSearch.word(bytes, Integer.MAX_VALUE - 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        bytes[23] = 'x';
        assertThat(ByteSearch.word(bytes, 16)).isEqualTo((long) 'x' << 56);
        assertThat(ByteSearch.indexOf(bytes, 0, 24, (byte) 'x')).isEqualTo(23);
        assertThat(ByteSearch.indexOf(bytes, 0, 23, (byte) 'x')).isEqualTo(-1);
    }

    @Test
    void readsEachWordLittleEndianAtEveryOffset() {
        byte[] bytes = new byte[40];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 5);
        }
        for (int at = 0; at + 8 <= bytes.length; at++) {
            long expected = 0;
            for (int k = 7; k >= 0; k--) {
                expected = expected << 8 | (bytes[at + k] & 0xFF);
            }
            assertThat(ByteSearch.word(bytes, at)).as("offset %d", at).isEqualTo(expected);
        }
    }

    @Test
    void anEscapedQuoteInTheLastByteOfAWordIsNotTheEnd() {
        byte[] bytes = "GET /a\\\"bc d\" x".getBytes(StandardCharsets.US_ASCII);
        assertThat(Tokens.closingQuote(bytes, 0, bytes.length)).isEqualTo(12);
        assertThat(Tokens.closingQuote(bytes, 0, 7)).isEqualTo(-1);
    }
}
