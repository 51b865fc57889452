package dev.logverdict.intel.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The ten public sources as the function configures them, pointed at a test server, and their sample files. */
public final class TestSources {

    public static final Path SAMPLES = Path.of("src/test/resources/sources");

    private TestSources() {
    }

    /** Each source's id, what it is, and the sample file in its published format. */
    public record Sample(PublicSource source, String file) {
    }

    public static List<Sample> all(String baseUrl) {
        return List.of(
                sample(baseUrl, "spamhaus", SourceKind.BLOCKLIST, SourceFormat.SPAMHAUS_JSON, "spamhaus", "drop_v4.json", 12),
                sample(baseUrl, "spamhaus6", SourceKind.BLOCKLIST, SourceFormat.SPAMHAUS_JSON, "spamhaus6", "drop_v6.json", 12),
                sample(baseUrl, "feodo", SourceKind.BLOCKLIST, SourceFormat.PLAIN, "feodo", "ipblocklist_recommended.txt", 1),
                sample(baseUrl, "tor", SourceKind.ANONYMISER, SourceFormat.PLAIN, "tor", "torbulkexitlist", 1),
                sample(baseUrl, "aws", SourceKind.INFRASTRUCTURE, SourceFormat.AWS_RANGES, "aws", "ip-ranges.json", 12),
                sample(baseUrl, "cloudflare", SourceKind.INFRASTRUCTURE, SourceFormat.PLAIN, "cloudflare", "ips-v4", 24),
                sample(baseUrl, "cloudflare6", SourceKind.INFRASTRUCTURE, SourceFormat.PLAIN, "cloudflare", "ips-v6", 24),
                sample(baseUrl, "googlebot", SourceKind.CRAWLER, SourceFormat.CRAWLER_RANGES, "google/googlebot", "googlebot.json", 24),
                sample(baseUrl, "bingbot", SourceKind.CRAWLER, SourceFormat.CRAWLER_RANGES, "microsoft/bingbot", "bingbot.json", 24),
                sample(baseUrl, "asn", SourceKind.ENRICHMENT, SourceFormat.IPTOASN_TSV, "asn", "ip2asn-combined.tsv.gz", 24));
    }

    public static List<PublicSource> sources(String baseUrl) {
        return all(baseUrl).stream().map(Sample::source).toList();
    }

    public static PublicSource source(String id) {
        return all("https://sources.test").stream().map(Sample::source).filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static Sample sample(String baseUrl, String id, SourceKind kind, SourceFormat format, String label, String file,
                                 int refreshHours) {
        return new Sample(new PublicSource(id, kind, format, label, URI.create(baseUrl + "/" + file), Duration.ofHours(refreshHours)), file);
    }

    /** The sample as the publisher serves it; the ASN table is gzipped from its TSV, as iptoasn.com serves it. */
    public static byte[] body(String file) {
        try {
            if (file.endsWith(".gz")) {
                return gzip(Files.readAllBytes(SAMPLES.resolve(file.substring(0, file.length() - 3))));
            }
            return Files.readAllBytes(SAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}
