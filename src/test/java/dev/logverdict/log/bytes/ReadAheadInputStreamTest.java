package dev.logverdict.log.bytes;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadInputStreamTest {

    private static final Random RANDOM = new Random(11);

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Gives out at most a random few bytes per read, as a network stream does; counts what was read. */
    private static class Trickle extends FilterInputStream {
        final AtomicLong given = new AtomicLong();
        private final Random sizes = new Random(5);

        Trickle(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, 1 + sizes.nextInt(20_000)));
            if (n > 0) {
                given.addAndGet(n);
            }
            return n;
        }
    }

    /** Reads with reads of random sizes, as a line reader does near its buffer's end. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random sizes = new Random(3);
        byte[] buffer = new byte[70_000];
        for (int n; (n = in.read(buffer, 0, 1 + sizes.nextInt(buffer.length))) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void givesTheSourcesBytesInOrderAndThenItsEndAgainAndAgain() throws IOException {
        byte[] bytes = randomBytes(ReadAheadInputStream.CHUNK_BYTES * 9 + 12_345);
        try (ReadAheadInputStream in = new ReadAheadInputStream(new Trickle(bytes))) {
            assertThat(readAll(in)).isEqualTo(bytes);
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (ReadAheadInputStream empty = new ReadAheadInputStream(InputStream.nullInputStream())) {
            assertThat(empty.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFailureComesAfterEveryByteReadBeforeItAndIsTheSourcesOwnException() throws IOException {
        byte[] bytes = randomBytes(ReadAheadInputStream.CHUNK_BYTES * 3 + 777);
        for (Exception failure : new Exception[] {
            new ZipException("invalid block type"), new UncheckedIOException(new IOException("reset"))
        }) {
            InputStream failing = new FilterInputStream(new Trickle(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n < 0) {
                        if (failure instanceof IOException io) {
                            throw io;
                        }
                        throw (RuntimeException) failure;
                    }
                    return n;
                }
            };
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (ReadAheadInputStream in = new ReadAheadInputStream(failing)) {
                byte[] buffer = new byte[50_000];
                assertThatThrownBy(() -> {
                            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                                got.write(buffer, 0, n);
                            }
                        })
                        .isSameAs(failure);
                assertThat(got.toByteArray()).isEqualTo(bytes);
                assertThatThrownBy(() -> in.read(buffer, 0, 1))
                        .as("and on every later read")
                        .isSameAs(failure);
            }
        }
    }

    @Test
    void closingEarlyStopsTheThreadAfterReadingAtMostTheChunksItHolds() throws IOException {
        byte[] bytes = randomBytes(ReadAheadInputStream.CHUNK_BYTES * 40);
        Trickle source = new Trickle(bytes);
        ReadAheadInputStream in = new ReadAheadInputStream(source);
        byte[] first = new byte[1000];
        int n = in.read(first, 0, first.length);
        assertThat(Arrays.copyOf(first, n)).isEqualTo(Arrays.copyOf(bytes, n));
        in.close();

        long given = source.given.get();
        assertThat(given)
                .isLessThanOrEqualTo((long) (ReadAheadInputStream.CHUNKS_AHEAD + 2) * ReadAheadInputStream.CHUNK_BYTES);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("log-read-ahead") && thread.isAlive());
        assertThat(source.given.get()).as("nothing is read once closed").isEqualTo(given);
    }
}
