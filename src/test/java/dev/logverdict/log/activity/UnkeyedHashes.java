package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.ByteSearch;
import dev.logverdict.log.bytes.SipHash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The unkeyed hashes the scan used before {@link SipHash}, kept to check that the hostile fixtures still
 * collide under them, and to make those fixtures ({@link #main}). Both are invertible: from a chosen output
 * the input is computed, which is how an attacker fills one table slot.
 */
final class UnkeyedHashes {

    private static final long M = 0x9E3779B97F4A7C15L;
    private static final long SECOND_LANE = 0x6A09E667F3BCC909L;
    private static final long FMIX1 = 0xFF51AFD7ED558CCDL;
    private static final long FMIX2 = 0xC4CEB9FE1A85EC53L;
    /** The characters a crafted path may use: visible ASCII a request line carries as is. */
    static final String PATH_BYTES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";

    private UnkeyedHashes() {}

    /** The client hash: MurmurHash3's finaliser of the folded address bits. */
    static int mix(long high, long low) {
        long h = low ^ Long.rotateLeft(high, 32);
        h ^= h >>> 33;
        h *= FMIX1;
        h ^= h >>> 33;
        h *= FMIX2;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The path and user agent hash, for ranges of at least eight bytes. */
    static long hash(byte[] b, int from, int to) {
        int length = to - from;
        long first = 0x2545F4914F6CDD1DL ^ length;
        long second = SECOND_LANE;
        int i = from;
        for (; i <= to - 16; i += 16) {
            first = step(first, ByteSearch.word(b, i));
            second = step(second, ByteSearch.word(b, i + 8));
        }
        if (i <= to - 8) {
            first = step(first, ByteSearch.word(b, i));
            i += 8;
        }
        int rest = to - i;
        if (rest > 0) {
            second = step(second, ByteSearch.word(b, to - 8) >>> ((8 - rest) << 3));
        }
        long h = (first ^ Long.rotateLeft(second, 31)) * M;
        return h ^ (h >>> 32);
    }

    /** The slot of a text in the path table the scan makes (200,000 texts, 2^19 slots). */
    static int pathTableSlot(long hash) {
        long key = hash >>> 28;
        return (int) (key ^ (key >>> 29)) & ((1 << 19) - 1);
    }

    private static long step(long lane, long word) {
        return Long.rotateLeft(lane ^ word * M, 29) * M;
    }

    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /**
     * Writes {@code count} addresses and {@code count} paths (see {@link #collidingAddresses} and
     * {@link #collidingPaths}) to {@code colliding-ipv6.txt} and {@code colliding-paths.txt} in a directory.
     * Usage: {@code UnkeyedHashes <directory> <count>}.
     */
    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[1]);
        Path dir = Path.of(args[0]);
        Random random = new Random(2026);
        Files.write(dir.resolve("colliding-ipv6.txt"), collidingAddresses(count, random));
        Files.write(dir.resolve("colliding-paths.txt"), collidingPaths(count, random));
    }

    /**
     * IPv6 addresses of {@code 2001:db8:bad:f00d::/64} whose {@link #mix} is 0 (slot 0 of the client table
     * at every size): the finaliser is inverted from outputs with the low 32 bits clear.
     */
    static List<String> collidingAddresses(int count, Random random) {
        long high = 0x20010db80badf00dL;
        long fmixInverse1 = inverse(FMIX1);
        long fmixInverse2 = inverse(FMIX2);
        Set<Long> seen = new LinkedHashSet<>();
        while (seen.size() < count) {
            long h = random.nextLong() & 0xFFFF_FFFF_0000_0000L;
            h ^= h >>> 33;
            h *= fmixInverse2;
            h ^= h >>> 33;
            h *= fmixInverse1;
            h ^= h >>> 33;
            seen.add(h ^ Long.rotateLeft(high, 32));
        }
        List<String> addresses = new ArrayList<>();
        for (long low : seen) {
            addresses.add(sweptAddress(low));
        }
        return addresses;
    }

    /** The address of {@code 2001:db8:bad:f00d::/64} with these low 64 bits, as text. */
    static String sweptAddress(long low) {
        return String.format(
                "2001:db8:bad:f00d:%x:%x:%x:%x",
                low >>> 48, (low >>> 32) & 0xFFFF, (low >>> 16) & 0xFFFF, low & 0xFFFF);
    }

    /**
     * 24-byte paths in slot 0 of the path table under {@link #hash}: two random words, and the third solved
     * for an output with the slot's bits clear, kept if it is made of {@link #PATH_BYTES}.
     */
    static List<String> collidingPaths(int count, Random random) {
        long inverseM = inverse(M);
        byte[] path = new byte[24];
        Set<String> seen = new LinkedHashSet<>();
        while (seen.size() < count) {
            path[0] = '/';
            for (int i = 1; i < 16; i++) {
                path[i] = (byte) PATH_BYTES.charAt(random.nextInt(PATH_BYTES.length()));
            }
            long first = step(0x2545F4914F6CDD1DL ^ 24, ByteSearch.word(path, 0));
            long second = step(SECOND_LANE, ByteSearch.word(path, 8));
            // Any output with the table's slot bits at zero: bits 28-46 and 57-63.
            long wanted = random.nextLong() & ~(0x7FFFFL << 28) & ~(0x7FL << 57);
            long h = wanted ^ (wanted >>> 32);
            long lastFirst = (h * inverseM) ^ Long.rotateLeft(second, 31);
            long word = (Long.rotateRight(lastFirst * inverseM, 29) ^ first) * inverseM;
            boolean printable = true;
            for (int k = 0; k < 8 && printable; k++) {
                byte c = (byte) (word >>> (k << 3));
                printable = PATH_BYTES.indexOf(c) >= 0;
                path[16 + k] = c;
            }
            if (printable) {
                seen.add(new String(path, StandardCharsets.US_ASCII));
            }
        }
        return new ArrayList<>(seen);
    }
}
