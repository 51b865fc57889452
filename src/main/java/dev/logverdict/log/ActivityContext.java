package dev.logverdict.log;

/** What all clients of one scan share: string tables and the signal caches. */
final class ActivityContext {

    static final int TOP_PATHS = 5;
    static final int TOP_USER_AGENTS = 3;
    static final int MAX_HOURS = 31 * 24;

    final StringTable paths = new StringTable(200_000, 200);
    final StringTable userAgents = new StringTable(50_000, 200);
    final AttackSignals signals = new AttackSignals();
    long hourlyDropped;

    /** Method names kept apart; anything else counts as OTHER. */
    static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
            "PROPFIND", "OTHER"};

    static int methodIndex(Field method) {
        if (!method.isPresent()) {
            return -1;
        }
        byte[] b = method.bytes();
        int f = method.from();
        return switch (method.length()) {
            case 3 -> b[f] == 'G' && b[f + 1] == 'E' && b[f + 2] == 'T' ? 0
                    : b[f] == 'P' && b[f + 1] == 'U' && b[f + 2] == 'T' ? 3 : OTHER;
            case 4 -> b[f] == 'P' && b[f + 1] == 'O' && b[f + 2] == 'S' && b[f + 3] == 'T' ? 1
                    : b[f] == 'H' && b[f + 1] == 'E' && b[f + 2] == 'A' && b[f + 3] == 'D' ? 2 : OTHER;
            default -> named(b, f, method.length());
        };
    }

    private static final int OTHER = METHODS.length - 1;

    private static final byte[][] METHOD_BYTES = java.util.Arrays.stream(METHODS)
            .map(name -> name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private static int named(byte[] b, int from, int length) {
        for (int m = 4; m < OTHER; m++) {
            byte[] name = METHOD_BYTES[m];
            if (name.length == length && java.util.Arrays.equals(b, from, from + length, name, 0, length)) {
                return m;
            }
        }
        return OTHER;
    }
}
