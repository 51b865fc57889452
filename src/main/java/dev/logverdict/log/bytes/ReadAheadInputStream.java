package dev.logverdict.log.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of its reader, so that fetching, decrypting and
 * inflating a log overlap its parsing on a second vCPU (and waits on the network overlap it on one). What
 * comes out is what the source gave, in its order: the same bytes, and a failure at the byte it happened,
 * thrown as the very exception the source threw. At most {@link #CHUNKS_AHEAD} + 1 chunks are held.
 * <p>
 * {@link #close} stops the thread and waits for it; it does not close the source, which its owner closes
 * afterwards, so the source is never read and closed at once from two threads.
 */
public final class ReadAheadInputStream extends InputStream {

    static final int CHUNK_BYTES = 128 * 1024;
    static final int CHUNKS_AHEAD = 4;
    /** How long a blocked hand-over waits before it looks again whether the reader has stopped. */
    private static final long STOP_CHECK_MILLIS = 20;

    /** A run of the source's bytes, or how it ended: {@code length} -1 at its end, or with a failure. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, -1, null);
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final BlockingQueue<byte[]> emptied = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 1);
    private final Thread reader;
    private volatile boolean stopped;

    /** Owned by the reading thread: buffers are made as needed, so a small log costs one. */
    private int buffersMade;

    private Chunk current;
    private int position;

    public ReadAheadInputStream(InputStream source) {
        this.source = source;
        this.reader = new Thread(this::readAhead, "log-read-ahead");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void readAhead() {
        try {
            while (!stopped) {
                byte[] buffer = emptyBuffer();
                if (buffer == null) {
                    return;
                }
                int length = 0;
                try {
                    // Whole chunks: fewer hand-overs than one per network read.
                    while (length < buffer.length) {
                        int n = source.read(buffer, length, buffer.length - length);
                        if (n < 0) {
                            break;
                        }
                        length += n;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (length > 0) {
                        handOver(new Chunk(buffer, length, null));
                    }
                    handOver(new Chunk(null, 0, e));
                    return;
                }
                if (length > 0 && !handOver(new Chunk(buffer, length, null))) {
                    return;
                }
                if (length < buffer.length) {
                    handOver(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] emptyBuffer() throws InterruptedException {
        byte[] buffer = emptied.poll();
        if (buffer == null && buffersMade < CHUNKS_AHEAD + 1) {
            buffersMade++;
            return new byte[CHUNK_BYTES];
        }
        while (buffer == null && !stopped) {
            buffer = emptied.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return buffer;
    }

    /** @return false when the reader stopped before taking it */
    private boolean handOver(Chunk chunk) throws InterruptedException {
        while (!stopped) {
            if (filled.offer(chunk, STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || (current.length() > 0 && position == current.length())) {
            next();
        }
        if (current.failure() != null) {
            throw rethrown(current.failure());
        }
        if (current.length() < 0) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, into, offset, n);
        position += n;
        return n;
    }

    private void next() throws IOException {
        if (current != null) {
            emptied.offer(current.bytes());
        }
        try {
            current = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the log's next bytes");
        }
        position = 0;
    }

    private static IOException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return (IOException) failure;
    }

    /** Stops the reading thread and waits for it to end; the source stays open. */
    @Override
    public void close() throws IOException {
        stopped = true;
        // A read in progress on the source ends first; the thread then sees it is stopped.
        Joins.untilEnded(reader);
    }
}
