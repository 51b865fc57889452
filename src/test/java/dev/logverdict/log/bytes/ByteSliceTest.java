package dev.logverdict.log.bytes;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSliceTest {

    @Test
    void isAbsentWhenClearedEmptyOrTheLogsDashAndPresentOtherwise() {
        byte[] line = "a - -- -x x- b".getBytes(StandardCharsets.US_ASCII);
        ByteSlice field = new ByteSlice();
        assertThat(field.isPresent()).as("never set").isFalse();
        assertThat(present(field, line, 0, 1)).as("a").isTrue();
        assertThat(present(field, line, 2, 3)).as("-").isFalse();
        assertThat(present(field, line, 4, 6)).as("--").isTrue();
        assertThat(present(field, line, 7, 9)).as("-x").isTrue();
        assertThat(present(field, line, 10, 12)).as("x-").isTrue();
        assertThat(present(field, line, 3, 3)).as("empty, inside the line").isFalse();
        assertThat(present(field, line, line.length, line.length))
                .as("empty, at the line's end")
                .isFalse();
        field.set(line, 13, 14);
        field.clear();
        assertThat(field.isPresent()).as("cleared").isFalse();
    }

    private static boolean present(ByteSlice field, byte[] line, int from, int to) {
        field.set(line, from, to);
        return field.isPresent();
    }
}
