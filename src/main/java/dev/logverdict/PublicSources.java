package dev.logverdict;

import dev.logverdict.intel.sources.PublicSource;
import dev.logverdict.intel.sources.SourceFormat;
import dev.logverdict.intel.sources.SourceKind;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The public sources as configured: what each one is, and whether it is on. Read once, at start-up. */
public final class PublicSources {

    private PublicSources() {}

    public static List<PublicSource> enabled(LogVerdictConfig.Sources c) {
        List<PublicSource> sources = new ArrayList<>();
        add(
                sources,
                c.spamhaus().enabled(),
                "spamhaus",
                SourceKind.BLOCKLIST,
                SourceFormat.SPAMHAUS_JSON,
                "spamhaus",
                c.spamhaus().url(),
                c.spamhaus().refresh());
        add(
                sources,
                c.spamhaus6().enabled(),
                "spamhaus6",
                SourceKind.BLOCKLIST,
                SourceFormat.SPAMHAUS_JSON,
                "spamhaus6",
                c.spamhaus6().url(),
                c.spamhaus6().refresh());
        add(
                sources,
                c.feodo().enabled(),
                "feodo",
                SourceKind.BLOCKLIST,
                SourceFormat.PLAIN,
                "feodo",
                c.feodo().url(),
                c.feodo().refresh());
        add(
                sources,
                c.tor().enabled(),
                "tor",
                SourceKind.ANONYMISER,
                SourceFormat.PLAIN,
                "tor",
                c.tor().url(),
                c.tor().refresh());
        add(
                sources,
                c.aws().enabled(),
                "aws",
                SourceKind.INFRASTRUCTURE,
                SourceFormat.AWS_RANGES,
                "aws",
                c.aws().url(),
                c.aws().refresh());
        add(
                sources,
                c.cloudflare().enabled(),
                "cloudflare",
                SourceKind.INFRASTRUCTURE,
                SourceFormat.PLAIN,
                "cloudflare",
                c.cloudflare().url(),
                c.cloudflare().refresh());
        add(
                sources,
                c.cloudflare6().enabled(),
                "cloudflare6",
                SourceKind.INFRASTRUCTURE,
                SourceFormat.PLAIN,
                "cloudflare",
                c.cloudflare6().url(),
                c.cloudflare6().refresh());
        add(
                sources,
                c.googlebot().enabled(),
                "googlebot",
                SourceKind.CRAWLER,
                SourceFormat.CRAWLER_RANGES,
                "google/googlebot",
                c.googlebot().url(),
                c.googlebot().refresh());
        add(
                sources,
                c.bingbot().enabled(),
                "bingbot",
                SourceKind.CRAWLER,
                SourceFormat.CRAWLER_RANGES,
                "microsoft/bingbot",
                c.bingbot().url(),
                c.bingbot().refresh());
        add(
                sources,
                c.asn().enabled(),
                "asn",
                SourceKind.ENRICHMENT,
                SourceFormat.IPTOASN_TSV,
                "asn",
                c.asn().url(),
                c.asn().refresh());
        return List.copyOf(sources);
    }

    private static void add(
            List<PublicSource> sources,
            boolean enabled,
            String id,
            SourceKind kind,
            SourceFormat format,
            String label,
            String url,
            Duration refresh) {
        if (enabled) {
            sources.add(new PublicSource(id, kind, format, label, URI.create(url), refresh));
        }
    }
}
