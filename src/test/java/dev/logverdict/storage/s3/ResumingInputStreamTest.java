package dev.logverdict.storage.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.Abortable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumingInputStreamTest {

    private static final byte[] OBJECT = new byte[100_000];

    static {
        new Random(7).nextBytes(OBJECT);
    }

    /** Serves the object from a position, then breaks after {@code breakAfter} bytes (or never, when negative). */
    private static InputStream serving(long from, int breakAfter, boolean silently) {
        return new InputStream() {
            long position = from;
            int served;

            @Override
            public int read() throws IOException {
                if (breakAfter >= 0 && served >= breakAfter) {
                    if (silently) {
                        return -1;
                    }
                    throw new IOException("Connection reset");
                }
                if (position >= OBJECT.length) {
                    return -1;
                }
                served++;
                return OBJECT[(int) position++] & 0xff;
            }
        };
    }

    @Test
    void continuesFromWhereTheConnectionBrokeAndDeliversTheObjectByteForByte() throws IOException {
        List<Long> resumedAt = new ArrayList<>();
        List<Long> pauses = new ArrayList<>();
        ResumingInputStream in = new ResumingInputStream(
                serving(0, 30_000, false),
                OBJECT.length,
                position -> {
                    resumedAt.add(position);
                    return serving(position, resumedAt.size() == 1 ? 25_000 : -1, false);
                },
                3,
                200,
                pauses::add);

        assertThat(in.readAllBytes()).isEqualTo(OBJECT);
        assertThat(resumedAt).containsExactly(30_000L, 55_000L);
        assertThat(pauses).containsExactly(200L, 400L);
        assertThat(in.resumes()).isEqualTo(2);
    }

    @Test
    void aConnectionThatEndsBeforeTheAnnouncedLengthIsResumedNotTakenForTheEnd() throws IOException {
        ResumingInputStream in = new ResumingInputStream(
                serving(0, 10, true), OBJECT.length, position -> serving(position, -1, false), 3, 1, millis -> {});

        assertThat(in.readAllBytes()).isEqualTo(OBJECT);
        assertThat(in.resumes()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastResumeWithWhereItStopped() {
        ResumingInputStream in = new ResumingInputStream(
                serving(0, 1000, false), OBJECT.length, position -> serving(position, 1000, false), 3, 1, millis -> {});

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(IOException.class)
                .hasMessage("reading failed at byte 4000 after 3 resumed attempts: Connection reset");
    }

    @Test
    void anUnknownLengthEndsAtTheFirstEnd() throws IOException {
        ResumingInputStream in = new ResumingInputStream(
                new ByteArrayInputStream(OBJECT, 0, 10),
                -1,
                position -> {
                    throw new AssertionError("no resume without a known length");
                },
                3,
                1,
                millis -> {});

        assertThat(in.readAllBytes()).hasSize(10);
    }

    /** A stream that records whether it was aborted (its connection dropped) or closed (kept for reuse). */
    private static final class AbortableStream extends ByteArrayInputStream implements Abortable {
        boolean aborted;

        AbortableStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    @Test
    void closingAfterTheEndKeepsTheConnectionButClosingEarlyAbortsIt() throws IOException {
        AbortableStream readToTheEnd = new AbortableStream(OBJECT);
        try (ResumingInputStream in =
                new ResumingInputStream(readToTheEnd, OBJECT.length, position -> null, 3, 200, pause -> {})) {
            assertThat(in.readAllBytes()).hasSize(OBJECT.length);
        }
        AbortableStream stoppedEarly = new AbortableStream(OBJECT);
        try (ResumingInputStream in =
                new ResumingInputStream(stoppedEarly, OBJECT.length, position -> null, 3, 200, pause -> {})) {
            assertThat(in.readNBytes(10)).hasSize(10);
        }

        assertThat(readToTheEnd.aborted).isFalse();
        assertThat(stoppedEarly.aborted).isTrue();
    }
}
