package dev.logverdict.log.bytes;

import dev.logverdict.log.activity.AttackSignals;

import java.util.Objects;
import java.util.Random;

/**
 * SipHash (Aumasson and Bernstein), the keyed hash that identifies the paths and user agents a scan
 * counts: top-N slots tell texts apart by part of it, and the shared text table places them by it. The
 * log's author chooses those bytes: with a public hash they can compute texts that all land in one slot
 * and turn every insertion into a walk of the table, or make a text take another's identity. With a
 * secret key drawn for each scan they can do neither, and no fixed difference between inputs collides
 * whatever the key, as happens with fast multiply-and-rotate hashes.
 * <p>
 * The scan uses SipHash-1-3 (one compression round, three finalisation rounds), the variant Rust's and
 * CPython's hash tables use for the same reason; the round counts are parameters so that the reference
 * SipHash-2-4 can be checked against published vectors. Written out here rather than taken from a library
 * because the scan hashes every line's client, path and user agent, and a library's streaming hasher
 * allocates per value. It runs only when a text misses the signal cache (see {@link AttackSignals}).
 */
public final class SipHash {

    private final long key0;
    private final long key1;
    private final int compressionRounds;
    private final int finalisationRounds;

    SipHash(long key0, long key1, int compressionRounds, int finalisationRounds) {
        this.key0 = key0;
        this.key1 = key1;
        this.compressionRounds = compressionRounds;
        this.finalisationRounds = finalisationRounds;
    }

    /** SipHash-1-3 under a key drawn from the scan's secret random source. */
    public static SipHash keyedBy(Random random) {
        return new SipHash(random.nextLong(), random.nextLong(), 1, 3);
    }

    /** The hash of {@code b[from, to)}. */
    public long hash(byte[] b, int from, int to) {
        Objects.checkFromToIndex(from, to, b.length);
        long v0 = key0 ^ 0x736f6d6570736575L;
        long v1 = key1 ^ 0x646f72616e646f6dL;
        long v2 = key0 ^ 0x6c7967656e657261L;
        long v3 = key1 ^ 0x7465646279746573L;
        int i = from;
        for (; i <= to - 8; i += 8) {
            long m = ByteSearch.wordInCheckedRange(b, i);
            v3 ^= m;
            for (int r = 0; r < compressionRounds; r++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        long last = (long) (to - from) << 56;
        int rest = to - i;
        if (rest > 0 && to - from >= 8) {
            // The last eight bytes end at 'to'; the ones already hashed are shifted out.
            last |= ByteSearch.wordInCheckedRange(b, to - 8) >>> ((8 - rest) << 3);
        } else {
            for (int k = 0; k < rest; k++) {
                last |= (b[i + k] & 0xFFL) << (k << 3);
            }
        }
        v3 ^= last;
        for (int r = 0; r < compressionRounds; r++) {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        return finish(v0, v1, v2, v3);
    }

    private long finish(long v0, long v1, long v2, long v3) {
        v2 ^= 0xFF;
        for (int r = 0; r < finalisationRounds; r++) {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
