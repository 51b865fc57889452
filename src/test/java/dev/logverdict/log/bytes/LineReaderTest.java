package dev.logverdict.log.bytes;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    private static List<String> lines(InputStream in, int maxLineBytes) throws IOException {
        List<String> lines = new ArrayList<>();
        new LineReader(in, maxLineBytes)
                .forEachLine((bytes, from, to, overlong) -> lines.add(
                        (overlong ? "!" : "") + new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)));
        return lines;
    }

    /** Hands out at most 3 bytes per read, as a slow network stream would. */
    private static InputStream trickle(String text) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void splitsOnLfAndDropsTheCrOfCrlf() throws IOException {
        assertThat(lines(trickle("a\r\nbb\n\nccc"), 100)).containsExactly("a", "bb", "", "ccc");
    }

    @Test
    void deliversTheFirstBytesOfAnOverlongLineOnceAndSkipsItsRest() throws IOException {
        String text = "short\n" + "y".repeat(200_000) + "\nnext\n" + "z".repeat(70_000);
        assertThat(lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 10))
                .containsExactly("short", "!yyyyyyyyyy", "next", "!zzzzzzzzzz");
    }

    @Test
    void keepsLinesThatSpanManyReads() throws IOException {
        String longLine = "x".repeat(150_000);
        assertThat(lines(trickle(longLine + "\nend"), 1 << 20)).containsExactly(longLine, "end");
    }

    @Test
    void deliversEveryLineWhileItsBufferGrowsFromSmallToFull() throws IOException {
        // Several megabytes, so the buffer doubles on the way; one line exactly at the bound, which is
        // longer than the buffer a reader starts with, must come whole and not flagged.
        int maxLineBytes = 300_000;
        List<String> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 6_000_000; i++) {
            String line = i == 5_000 ? "m".repeat(maxLineBytes) : "line " + i + " " + "p".repeat(i % 400);
            expected.add(line);
            text.append(line).append('\n');
        }
        assertThat(lines(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1)), maxLineBytes))
                .containsExactlyElementsOf(expected);
    }
}
