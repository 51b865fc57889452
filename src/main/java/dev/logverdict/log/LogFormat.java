package dev.logverdict.log;

/** Formats the scanner recognises; {@link #UNKNOWN} when almost nothing parsed. */
public enum LogFormat {
    COMMON("common"),
    COMBINED("combined"),
    UNKNOWN("unknown");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
