package dev.logverdict.log.bytes;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it: logs carry invalid UTF-8, NUL bytes and raw TLS
 * handshakes, and the client field can be validated on bytes. A line longer than the buffer is handed
 * over as its first {@code maxLineBytes} bytes, flagged, and the rest of it is skipped, so a 100 MB
 * line without a newline costs no memory. CR before LF is dropped.
 */
public final class LineReader {

    /** Receives each line; the bytes are only valid during the call. */
    public interface LineConsumer {
        void accept(byte[] bytes, int from, int to, boolean overlong);

        /** The bytes of every line delivered so far are about to be overwritten: finish with them. */
        default void endOfChunk() {}
    }

    private static final long NEWLINES = ByteSearch.broadcast((byte) '\n');

    private static final int FIRST_BUFFER_BYTES = 64 * 1024;
    /** The buffer doubles once this many of its lengths were read: a large log is read in large chunks. */
    private static final int GROW_AFTER_FILLS = 4;

    private final InputStream input;
    /** Starts small, so a small log costs no megabyte buffer; holds a whole line of up to maxLineBytes. */
    private byte[] buffer;

    private final int fullBufferBytes;
    /** What a read threw after others had filled part of the buffer; thrown once those lines are delivered. */
    private Exception failureAfterFill;

    private final int maxLineBytes;
    private long bytesRead;

    public LineReader(InputStream input, int maxLineBytes) {
        this.input = input;
        this.maxLineBytes = maxLineBytes;
        this.fullBufferBytes = Math.max(maxLineBytes, FIRST_BUFFER_BYTES) + 1;
        this.buffer = new byte[Math.min(FIRST_BUFFER_BYTES, fullBufferBytes)];
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Reads to the end of the stream; returns the number of lines delivered. */
    public long forEachLine(LineConsumer consumer) throws IOException {
        long lines = 0;
        int start = 0;
        int end = 0;
        boolean skippingOverlongRest = false;
        while (true) {
            if (end == buffer.length) {
                // Full with start at 0 is a line longer than the buffer but within maxLineBytes: it must grow.
                byte[] into = buffer.length < fullBufferBytes
                                && (start == 0 || bytesRead >= (long) GROW_AFTER_FILLS * buffer.length)
                        ? new byte[Math.min(fullBufferBytes, buffer.length * 2)]
                        : buffer;
                if (start > 0 || into != buffer) {
                    System.arraycopy(buffer, start, into, 0, end - start);
                    buffer = into;
                    end -= start;
                    start = 0;
                }
            }
            int read = fill(end);
            if (read < 0) {
                break;
            }
            bytesRead += read;
            int scanFrom = end;
            end += read;
            for (int i = indexOfNewline(buffer, scanFrom, end); i >= 0; i = indexOfNewline(buffer, i + 1, end)) {
                if (skippingOverlongRest) {
                    skippingOverlongRest = false;
                } else {
                    deliver(consumer, start, i, false);
                    lines++;
                }
                start = i + 1;
            }
            if (!skippingOverlongRest && end - start > maxLineBytes) {
                deliver(consumer, start, start + maxLineBytes, true);
                lines++;
                skippingOverlongRest = true;
            }
            consumer.endOfChunk();
            if (skippingOverlongRest) {
                start = end = 0;
            } else if (start == end) {
                start = end = 0;
            }
        }
        if (!skippingOverlongRest && end > start) {
            deliver(consumer, start, end, false);
            lines++;
        }
        consumer.endOfChunk();
        return lines;
    }

    /**
     * Reads until the buffer is full or the stream ends, so lines come in large chunks (a consumer may do
     * work per chunk: see {@link LineConsumer#endOfChunk}). A failure after some bytes is kept for the next
     * call: the lines before it are delivered first, as they would be with one read per chunk.
     *
     * @return the bytes read, or -1 at the end of the stream
     */
    private int fill(int from) throws IOException {
        if (failureAfterFill != null) {
            Exception failure = failureAfterFill;
            failureAfterFill = null;
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
        int total = 0;
        while (from + total < buffer.length) {
            int n;
            try {
                n = input.read(buffer, from + total, buffer.length - from - total);
            } catch (IOException | RuntimeException e) {
                if (total == 0) {
                    throw e;
                }
                failureAfterFill = e;
                return total;
            }
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    private void deliver(LineConsumer consumer, int from, int to, boolean overlong) {
        if (!overlong && to > from && buffer[to - 1] == '\r') {
            to--;
        }
        consumer.accept(buffer, from, to, overlong);
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        return ByteSearch.indexOf(bytes, from, to, (byte) '\n', NEWLINES);
    }
}
