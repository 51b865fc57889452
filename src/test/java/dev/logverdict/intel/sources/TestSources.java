package dev.logverdict.intel.sources;

import dev.logverdict.LogVerdictConfig;
import dev.logverdict.PublicSources;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The ten public sources as the function configures them, pointed at a test server, and their sample files. */
public final class TestSources {

    public static final Path SAMPLES = Path.of("src/test/resources/sources");

    private TestSources() {}

    /** Each source as the function configures it, and the sample file in its published format. */
    public record Sample(PublicSource source, String file) {}

    /** Where each source's sample lives; the server serves it at {@code /<file>}. */
    private static final Map<String, String> FILES = Map.of(
            "spamhaus",
            "drop_v4.json",
            "spamhaus6",
            "drop_v6.json",
            "feodo",
            "ipblocklist_recommended.txt",
            "tor",
            "torbulkexitlist",
            "aws",
            "ip-ranges.json",
            "cloudflare",
            "ips-v4",
            "cloudflare6",
            "ips-v6",
            "googlebot",
            "googlebot.json",
            "bingbot",
            "bingbot.json",
            "asn",
            "ip2asn-combined.tsv.gz");

    /**
     * The sources exactly as {@link PublicSources} makes them from the configuration (kind, format,
     * label, default refresh), each URL pointed at the test server.
     */
    public static List<Sample> all(String baseUrl) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(LogVerdictConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter());
        Map<String, String> urls = new HashMap<>();
        FILES.forEach((id, file) -> urls.put("logverdict.sources." + id + ".url", baseUrl + "/" + file));
        builder.withDefaultValues(urls);
        LogVerdictConfig config = builder.build().getConfigMapping(LogVerdictConfig.class);
        return PublicSources.enabled(config.sources()).stream()
                .map(source -> new Sample(source, FILES.get(source.id())))
                .toList();
    }

    public static List<PublicSource> sources(String baseUrl) {
        return all(baseUrl).stream().map(Sample::source).toList();
    }

    public static PublicSource source(String id) {
        return all("https://sources.test").stream()
                .map(Sample::source)
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
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
