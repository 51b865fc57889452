package dev.logverdict.log.activity;

/** Tell-tale requests a log shows on its own, without any threat intel. */
public enum Signal {
    SCANNER_USER_AGENT("scannerUserAgent"),
    PATH_TRAVERSAL("pathTraversal"),
    SQL_INJECTION("sqlInjection"),
    SHELL_INJECTION("shellInjection"),
    JNDI_INJECTION("jndiInjection"),
    SENSITIVE_FILE_PROBE("sensitiveFileProbe"),
    ADMIN_PROBE("adminProbe");

    private final String label;

    Signal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    long bit() {
        return 1L << ordinal();
    }
}
