package dev.logverdict.intel;

/** The report's answer for one IP. {@link #NOT_CHECKED} is never a guess: nobody was asked. */
public enum Verdict {
    MALICIOUS("malicious"),
    SUSPICIOUS("suspicious"),
    HARMLESS("harmless"),
    UNKNOWN("unknown"),
    NOT_CHECKED("not_checked");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
