package dev.logverdict.log.activity;

import dev.logverdict.log.bytes.AddressHash;
import dev.logverdict.log.bytes.ByteSlice;
import dev.logverdict.log.bytes.SipHash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** What all clients of one scan share: the hash key, string tables and the signal caches. */
public final class ActivityContext {

    static final int TOP_PATHS = 5;
    static final int TOP_USER_AGENTS = 3;
    public static final int MAX_HOURS = 31 * 24;

    /** Places clients in the client table, under tables drawn for this scan. */
    public final AddressHash addresses;

    final SharedTexts paths = new SharedTexts(200_000, 200);
    final SharedTexts userAgents = new SharedTexts(50_000, 200);
    /** Signals of paths and user agents, and their keyed hashes. */
    final AttackSignals signals;

    public long hourlyDropped;

    /**
     * @param secret where every hash key of the scan is drawn from: the operating system's random source,
     *               so the log's author cannot know them (a seeded one in tests)
     */
    public ActivityContext(Random secret) {
        this.addresses = new AddressHash(secret);
        this.signals = new AttackSignals(SipHash.keyedBy(secret), secret);
    }

    /** Method names kept apart; anything else counts as OTHER. */
    static final String[] METHODS = {
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "PROPFIND", "OTHER"
    };

    static int methodIndex(ByteSlice method) {
        if (!method.isPresent()) {
            return -1;
        }
        byte[] b = method.bytes();
        int f = method.from();
        return switch (method.length()) {
            case 3 ->
                b[f] == 'G' && b[f + 1] == 'E' && b[f + 2] == 'T'
                        ? 0
                        : b[f] == 'P' && b[f + 1] == 'U' && b[f + 2] == 'T' ? 3 : OTHER;
            case 4 ->
                b[f] == 'P' && b[f + 1] == 'O' && b[f + 2] == 'S' && b[f + 3] == 'T'
                        ? 1
                        : b[f] == 'H' && b[f + 1] == 'E' && b[f + 2] == 'A' && b[f + 3] == 'D' ? 2 : OTHER;
            default -> named(b, f, method.length());
        };
    }

    private static final int OTHER = METHODS.length - 1;

    private static final byte[][] METHOD_BYTES = Arrays.stream(METHODS)
            .map(name -> name.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private static int named(byte[] b, int from, int length) {
        for (int m = 4; m < OTHER; m++) {
            byte[] name = METHOD_BYTES[m];
            if (name.length == length && Arrays.equals(b, from, from + length, name, 0, length)) {
                return m;
            }
        }
        return OTHER;
    }
}
