package dev.logverdict.log.bytes;

import dev.logverdict.log.activity.ClientIndex;

import java.util.Random;

/**
 * Where a client address goes in the {@link ClientIndex}: simple tabulation hashing, one table of random
 * words per byte of the address, the bytes' words XORed. With random tables, linear probing takes a
 * constant expected number of probes whatever set of addresses the log holds (Pătraşcu and Thorup, "The
 * Power of Simple Tabulation Hashing", 2012), so a log of addresses chosen to collide under a fixed hash,
 * all from one /64, spreads like random ones. The tables are drawn for each scan and never leave it.
 * <p>
 * An IPv4 address costs four lookups; an IPv6 address sixteen, in tables that fit in the first-level cache.
 */
public final class AddressHash {

    private static final int BYTES = 16;

    /** Entry {@code position * 256 + value}: the word of that byte value at that position. */
    private final int[] words = new int[BYTES * 256];

    /** @param random the scan's secret random source */
    public AddressHash(Random random) {
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextInt();
        }
    }

    /** The hash of an IPv4 address, its 32 bits in {@code low}. */
    public int ofV4(long low) {
        int[] t = words;
        return t[(int) low & 0xFF]
                ^ t[256 | (int) (low >>> 8) & 0xFF]
                ^ t[512 | (int) (low >>> 16) & 0xFF]
                ^ t[768 | (int) (low >>> 24) & 0xFF];
    }

    /** The hash of an IPv6 address's 128 bits. */
    public int ofV6(long high, long low) {
        int[] t = words;
        int h = 0;
        for (int i = 0; i < 8; i++) {
            h ^= t[(i << 8) | (int) (low >>> (i << 3)) & 0xFF] ^ t[((i + 8) << 8) | (int) (high >>> (i << 3)) & 0xFF];
        }
        return h;
    }

    public int of(long high, long low, int version) {
        return version == 4 ? ofV4(low) : ofV6(high, low);
    }
}
