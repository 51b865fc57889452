package dev.logverdict.intel.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.AsnTable;
import dev.logverdict.intel.network.Network;
import dev.logverdict.ip.IpAddress;
import dev.logverdict.ip.IpAddressParser;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The published formats of the public sources, each read into {@link SourceData}. A body that is not in
 * the expected format (an HTML error page, a truncated gzip) is refused with an {@link IOException}, never
 * read as an empty or partial list.
 */
public enum SourceFormat {

    /** One IP or CIDR a line, {@code #} or {@code ;} comments (Tor bulk exit list, Feodo, Cloudflare). */
    PLAIN {
        @Override
        public SourceData parse(PublicSource source, byte[] body) throws IOException {
            Blocklist list =
                    Blocklist.parse(source.label(), new StringReader(new String(body, StandardCharsets.UTF_8)));
            if (list.ignoredInvalid() > Math.max(10, list.entries().size())) {
                throw new IOException(list.ignoredInvalid() + " lines are not addresses against "
                        + list.entries().size() + " that are: not a list of addresses");
            }
            return new SourceData.Ranges(list);
        }
    },

    /** Spamhaus DROP as JSON lines: {@code {"cidr":…,"sblid":…,"rir":…}}, the last line {@code "type":"metadata"}. */
    SPAMHAUS_JSON {
        @Override
        public SourceData parse(PublicSource source, byte[] body) throws IOException {
            Blocklist.Builder ranges = new Blocklist.Builder(source.id());
            BufferedReader reader = reader(body);
            boolean metadata = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                if (!record.isObject()) {
                    throw new IOException("a DROP line is a JSON object");
                }
                if ("metadata".equals(record.path("type").asText())) {
                    metadata = true;
                } else if (record.hasNonNull("cidr")) {
                    ranges.add(record.get("cidr").asText(), source.label());
                }
            }
            if (!metadata) {
                // Spamhaus ends every copy with it: without it the download was cut short.
                throw new IOException("no metadata line: the list is incomplete");
            }
            return new SourceData.Ranges(ranges.build());
        }
    },

    /** AWS {@code ip-ranges.json}: {@code prefixes[].ip_prefix} and {@code ipv6_prefixes[].ipv6_prefix}, with a service each. */
    AWS_RANGES {
        @Override
        public SourceData parse(PublicSource source, byte[] body) throws IOException {
            JsonNode document = JSON.readTree(body);
            if (document == null || !document.path("prefixes").isArray()) {
                throw new IOException("no prefixes array: not AWS ip-ranges.json");
            }
            Blocklist.Builder ranges = new Blocklist.Builder(source.id());
            // AMAZON lists every range, including those of the specific services: it goes first so that the
            // specific service, added later, names an address (the index lets the inner or later range win).
            for (boolean generic : new boolean[] {true, false}) {
                addAws(ranges, source, document.path("prefixes"), "ip_prefix", generic);
                addAws(ranges, source, document.path("ipv6_prefixes"), "ipv6_prefix", generic);
            }
            return new SourceData.Ranges(ranges.build());
        }

        private void addAws(
                Blocklist.Builder ranges, PublicSource source, JsonNode prefixes, String field, boolean generic) {
            for (JsonNode prefix : prefixes) {
                String service = prefix.path("service").asText("AMAZON");
                if ("AMAZON".equals(service) == generic) {
                    ranges.add(prefix.path(field).asText(""), source.label() + "/" + service);
                }
            }
        }
    },

    /** Googlebot and Bingbot ranges: {@code {"creationTime":…,"prefixes":[{"ipv4Prefix":…},{"ipv6Prefix":…}]}}. */
    CRAWLER_RANGES {
        @Override
        public SourceData parse(PublicSource source, byte[] body) throws IOException {
            JsonNode document = JSON.readTree(body);
            if (document == null || !document.path("prefixes").isArray()) {
                throw new IOException("no prefixes array: not a crawler range list");
            }
            Blocklist.Builder ranges = new Blocklist.Builder(source.id());
            for (JsonNode prefix : document.path("prefixes")) {
                String cidr = prefix.hasNonNull("ipv4Prefix")
                        ? prefix.get("ipv4Prefix").asText()
                        : prefix.path("ipv6Prefix").asText("");
                ranges.add(cidr, source.label());
            }
            return new SourceData.Ranges(ranges.build());
        }
    },

    /**
     * iptoasn.com's {@code ip2asn-combined.tsv} (gzip or plain): {@code range_start TAB range_end TAB AS_number
     * TAB country_code TAB AS_description}; AS 0 marks ranges that nobody announces and is left out.
     */
    IPTOASN_TSV {
        @Override
        public SourceData parse(PublicSource source, byte[] body) throws IOException {
            AsnTable.Builder table = new AsnTable.Builder();
            long invalid = 0;
            long rows = 0;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(maybeGunzip(body), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] fields = line.split("\t", 5);
                    if (fields.length < 5) {
                        if (!line.isBlank()) {
                            invalid++;
                        }
                        continue;
                    }
                    IpAddress first = IpAddressParser.parse(fields[0]);
                    IpAddress last = IpAddressParser.parse(fields[1]);
                    long asn;
                    try {
                        asn = Long.parseLong(fields[2]);
                    } catch (NumberFormatException e) {
                        invalid++;
                        continue;
                    }
                    if (first == null
                            || last == null
                            || first.version() != last.version()
                            || first.compareTo(last) > 0) {
                        invalid++;
                        continue;
                    }
                    if (rows + invalid > MAX_ROWS) {
                        throw new IOException("more than " + MAX_ROWS + " rows: not the ip2asn table");
                    }
                    if (asn != 0) {
                        table.add(
                                first,
                                last,
                                new Network(
                                        asn,
                                        fields[4].strip().intern(),
                                        fields[3].strip().intern()));
                        rows++;
                    }
                }
            }
            if (invalid > Math.max(10, rows)) {
                throw new IOException(invalid + " lines are not ranges against " + rows + " that are: not ip2asn TSV");
            }
            return new SourceData.Networks(table.build());
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Several times the real table: a bigger one is a decompression bomb or the wrong file. */
    private static final long MAX_ROWS = 5_000_000;

    public abstract SourceData parse(PublicSource source, byte[] body) throws IOException;

    private static BufferedReader reader(byte[] body) {
        return new BufferedReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    }

    /** A gzip body is read through gunzip (a truncated one fails at its end); anything else as it is. */
    private static InputStream maybeGunzip(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body);
        boolean gzip = body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
