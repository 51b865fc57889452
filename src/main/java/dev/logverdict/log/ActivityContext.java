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
        int from = method.from();
        int length = method.length();
        for (int m = 0; m < METHODS.length - 1; m++) {
            String name = METHODS[m];
            if (name.length() == length && b[from] == name.charAt(0) && matches(b, from, name)) {
                return m;
            }
        }
        return METHODS.length - 1;
    }

    private static boolean matches(byte[] b, int from, String name) {
        for (int i = 1; i < name.length(); i++) {
            if (b[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
