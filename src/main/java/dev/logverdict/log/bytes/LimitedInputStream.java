package dev.logverdict.log.bytes;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops a stream after a number of bytes: a decompression bomb ends here, not in an OutOfMemoryError or a timeout. */
public final class LimitedInputStream extends FilterInputStream {

    public static final class LimitReached extends IOException {
        LimitReached(long limit) {
            super("input exceeds " + limit + " uncompressed bytes");
        }
    }

    private final long limit;
    private long remaining;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            throw new LimitReached(limit);
        }
        int b = super.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            throw new LimitReached(limit);
        }
        int n = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }
}
