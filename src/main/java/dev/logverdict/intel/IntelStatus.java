package dev.logverdict.intel;

/** Whether the reputation service was asked in this run, as the report states it. */
public enum IntelStatus {
    CONSULTED("consulted"),
    NOT_CONFIGURED("not_configured"),
    AUTH_FAILED("auth_failed"),
    QUOTA_EXHAUSTED("quota_exhausted"),
    /** The shared request budget could not be read or written, so nothing was spent. */
    BUDGET_UNAVAILABLE("budget_unavailable"),
    /** A key is configured (secret or parameter) but could not be read; it is tried again on the next invocation. */
    KEY_UNAVAILABLE("key_unavailable");

    private final String label;

    IntelStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
