package dev.logverdict.intel.sources;

/** What a public source says about the addresses it lists. */
public enum SourceKind {
    /** Listed means malicious. */
    BLOCKLIST("blocklist"),
    /** Listed means the client hides behind an anonymity network: a label, not a verdict. */
    ANONYMISER("anonymiser"),
    /** Listed means a cloud or CDN provider's shared address. */
    INFRASTRUCTURE("infrastructure"),
    /** Listed means a search engine's own crawler: never looked up, never exported. */
    CRAWLER("verified_crawler"),
    /** Not a list of addresses but facts about all of them (ASN, country). */
    ENRICHMENT("enrichment");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
