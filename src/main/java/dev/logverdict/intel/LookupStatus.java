package dev.logverdict.intel;

/** How an IP's verdict was (or was not) obtained. */
public enum LookupStatus {
    OK("ok"),
    CACHED("cached"),
    FEED("feed"),
    NOT_FOUND("not_found"),
    SKIPPED("skipped"),
    DEFERRED("deferred"),
    ERROR("error");

    private final String label;

    LookupStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
