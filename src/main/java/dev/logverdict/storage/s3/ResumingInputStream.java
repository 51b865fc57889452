package dev.logverdict.storage.s3;

import software.amazon.awssdk.http.Abortable;

import java.io.IOException;
import java.io.InputStream;

/**
 * An object's bytes that survive a dropped connection: on a read failure, or an end before the announced
 * length, the rest is asked for again from the position reached (a ranged GET pinned to the same eTag),
 * a bounded number of times with growing pauses. What the caller reads is the object, byte for byte.
 */
final class ResumingInputStream extends InputStream {

    /** Opens the object from a byte position (0 = the whole object). */
    @FunctionalInterface
    interface Opener {
        InputStream openFrom(long position) throws IOException;
    }

    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final Opener opener;
    private final long length;
    private final int maxResumes;
    private final long firstPauseMillis;
    private final Pause pause;
    private InputStream current;
    private long position;
    private int resumes;

    /**
     * @param first  the stream of the initial GET
     * @param length the object's length, or -1 when unknown (then a short read cannot be told from the end)
     */
    ResumingInputStream(
            InputStream first, long length, Opener opener, int maxResumes, long firstPauseMillis, Pause pause) {
        this.current = first;
        this.length = length;
        this.opener = opener;
        this.maxResumes = maxResumes;
        this.firstPauseMillis = firstPauseMillis;
        this.pause = pause;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (true) {
            IOException failure;
            try {
                int n = current.read(buffer, offset, count);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n == -1 && (length < 0 || position >= length)) {
                    return -1;
                }
                failure = new IOException("the connection ended after " + position + " of " + length + " bytes");
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        closeQuietly(current);
        if (resumes >= maxResumes) {
            throw new IOException(
                    "reading failed at byte " + position + " after " + resumes + " resumed attempts: "
                            + failure.getMessage(),
                    failure);
        }
        resumes++;
        try {
            pause.sleep(firstPauseMillis << (resumes - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while resuming a read", e);
        }
        current = opener.openFrom(position);
    }

    /** How often the read was resumed (for logs and tests). */
    int resumes() {
        return resumes;
    }

    /**
     * Aborts rather than drains when reading stopped early (the rest of a large object is not wanted); a
     * stream read to its end closes normally, so its connection can serve the next request.
     */
    @Override
    public void close() throws IOException {
        if ((length < 0 || position < length) && current instanceof Abortable abortable) {
            abortable.abort();
        }
        current.close();
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // The connection is already broken; a new one is opened next.
        }
    }
}
