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
        int length = to - from;
        int words = length >>> 3;
        long last = (long) length << 56;
        int rest = length & 7;
        if (rest > 0 && length >= 8) {
            // The last eight bytes end at 'to'; the ones already hashed are shifted out.
            last |= ByteSearch.wordInCheckedRange(b, to - 8) >>> ((8 - rest) << 3);
        } else {
            for (int k = 0; k < rest; k++) {
                last |= (b[from + k] & 0xFFL) << (k << 3);
            }
        }
        long v0 = key0 ^ 0x736f6d6570736575L;
        long v1 = key1 ^ 0x646f72616e646f6dL;
        long v2 = key0 ^ 0x6c7967656e657261L;
        long v3 = key1 ^ 0x7465646279746573L;
        // Each message word, then the last (length and remaining bytes), then finalisation: one loop, so
        // the round is written once (it updates four locals, which no method can hand back).
        for (int word = 0; word <= words + 1; word++) {
            long m;
            int rounds;
            if (word < words) {
                m = ByteSearch.wordInCheckedRange(b, from + (word << 3));
                rounds = compressionRounds;
            } else if (word == words) {
                m = last;
                rounds = compressionRounds;
            } else {
                m = 0;
                v2 ^= 0xFF;
                rounds = finalisationRounds;
            }
            v3 ^= m;
            for (int r = 0; r < rounds; r++) {
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
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
