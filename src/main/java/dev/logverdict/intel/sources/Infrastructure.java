package dev.logverdict.intel.sources;

/**
 * An address inside ranges a provider publishes for its own machines.
 *
 * @param provider who publishes the ranges ({@code aws}, {@code cloudflare}, {@code google})
 * @param service  the provider's name for the service, when it gives one ({@code CLOUDFRONT}, {@code googlebot})
 * @param source   the id of the public source that lists it
 */
public record Infrastructure(String provider, String service, Kind kind, String source) {

    public enum Kind {
        /** Shared compute: anyone can rent an address there, attackers included. */
        CLOUD("cloud"),
        /** A CDN's edge: blocking it blocks every site behind that edge. */
        CDN("cdn"),
        /** A search engine's crawler at the addresses its owner publishes for it. */
        VERIFIED_CRAWLER("verified_crawler");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code aws/CLOUDFRONT}, or the provider alone. */
    public String label() {
        return service == null ? provider : provider + "/" + service;
    }

    /** Parses {@link #label()}: what a stored range carries. */
    public static Infrastructure fromLabel(String label, Kind kind, String source) {
        int slash = label.indexOf('/');
        return slash < 0
                ? new Infrastructure(label, null, kind, source)
                : new Infrastructure(label.substring(0, slash), label.substring(slash + 1), kind, source);
    }

    /** What the report and the HTML tell a user about to block it. */
    public String note() {
        return switch (kind) {
            case VERIFIED_CRAWLER -> "verified crawler: never looked up, never exported";
            case CDN -> "shared infrastructure (CDN edge): blocking it may block legitimate users; left out of exports";
            case CLOUD -> "shared infrastructure: blocking it may block legitimate users";
        };
    }
}
