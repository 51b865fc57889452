package dev.logverdict.intel;

/** How an IP's verdict was (or was not) obtained. */
public enum LookupStatus {
    OK("ok"),
    CACHED("cached"),
    FEED("feed"),
    /** Inside a search engine's published crawler ranges: known good, never sent to a provider. */
    VERIFIED_CRAWLER("verified_crawler"),
    /** Listed by a blocklist and inside a verified crawler's ranges: shown, not silently decided. */
    CONFLICT("conflict"),
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
