package dev.logverdict.log.bytes;

import dev.logverdict.ip.IpAddressParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many byte patterns in one pass (Aho–Corasick as a full DFA over lower-cased bytes). Each pattern
 * carries a group bit; a scan returns the OR of the groups that matched.
 */
public final class AhoCorasick {

    /**
     * The DFA, one row of 256 per state: at {@code row + byte}, the next state's row ({@code state << 8}).
     * Upper-case bytes lead where their lower-case ones do, so a scan neither folds case nor follows a
     * row reference per byte.
     */
    private final int[] rows;

    private final long[] output;

    public AhoCorasick(List<String> patterns, List<Long> groups) {
        List<int[]> gotoTable = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        gotoTable.add(newRow());
        out.add(0L);
        for (int p = 0; p < patterns.size(); p++) {
            int state = 0;
            for (byte raw : patterns.get(p).toLowerCase().getBytes(StandardCharsets.UTF_8)) {
                int c = raw & 0xFF;
                if (gotoTable.get(state)[c] < 0) {
                    gotoTable.add(newRow());
                    out.add(0L);
                    gotoTable.get(state)[c] = gotoTable.size() - 1;
                }
                state = gotoTable.get(state)[c];
            }
            out.set(state, out.get(state) | groups.get(p));
        }
        int states = gotoTable.size();
        int[] fail = new int[states];
        int[][] next = new int[states][];
        output = new long[states];
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s);
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        next[0] = new int[256];
        for (int c = 0; c < 256; c++) {
            int s = gotoTable.get(0)[c];
            if (s < 0) {
                next[0][c] = 0;
            } else {
                next[0][c] = s;
                fail[s] = 0;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            output[r] |= output[fail[r]];
            next[r] = new int[256];
            for (int c = 0; c < 256; c++) {
                int s = gotoTable.get(r)[c];
                if (s < 0) {
                    next[r][c] = next[fail[r]][c];
                } else {
                    next[r][c] = s;
                    fail[s] = next[fail[r]][c];
                    queue.add(s);
                }
            }
        }
        rows = new int[states << 8];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < 256; c++) {
                int folded = c >= 'A' && c <= 'Z' ? c + 32 : c;
                rows[s << 8 | c] = next[s][folded] << 8;
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * @param percentDecode decode %XX (and '+' as space) on the fly, as a server would before routing
     */
    public long scan(byte[] b, int from, int to, boolean percentDecode) {
        int row = 0;
        long found = 0;
        if (!percentDecode) {
            for (int i = from; i < to; i++) {
                row = rows[row | b[i] & 0xFF];
                found |= output[row >>> 8];
            }
            return found;
        }
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c == '%'
                    && i + 2 < to
                    && IpAddressParser.hexValue(b[i + 1]) >= 0
                    && IpAddressParser.hexValue(b[i + 2]) >= 0) {
                c = IpAddressParser.hexValue(b[i + 1]) << 4 | IpAddressParser.hexValue(b[i + 2]);
                i += 2;
            } else if (c == '+') {
                c = ' ';
            }
            row = rows[row | c];
            found |= output[row >>> 8];
        }
        return found;
    }
}
