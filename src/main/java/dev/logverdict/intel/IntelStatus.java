package dev.logverdict.intel;

/** Whether the reputation service was asked in this run, as the report states it. */
public enum IntelStatus {
    CONSULTED("consulted"),
    NOT_CONFIGURED("not_configured"),
    AUTH_FAILED("auth_failed"),
    QUOTA_EXHAUSTED("quota_exhausted");

    private final String label;

    IntelStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
