package dev.logverdict.intel.sources;

import dev.logverdict.intel.feeds.Blocklist;
import dev.logverdict.intel.network.AsnTable;
import dev.logverdict.intel.network.Network;
import dev.logverdict.ip.IpAddressParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every published format, read from a sample in that format, and the bodies each must refuse. */
class SourceFormatTest {

    private static SourceData parse(String id) throws IOException {
        TestSources.Sample sample = TestSources.all("https://sources.test").stream()
                .filter(s -> s.source().id().equals(id))
                .findFirst()
                .orElseThrow();
        return sample.source().format().parse(sample.source(), TestSources.body(sample.file()));
    }

    private static Map<String, String> labels(SourceData data) {
        Blocklist ranges = ((SourceData.Ranges) data).ranges();
        return ranges.entries().stream()
                .collect(Collectors.toMap(e -> e.block().toString(), e -> e.feed(), (a, b) -> b));
    }

    @Test
    void everySampleReadsIntoItsEntries() throws IOException {
        assertThat(parse("spamhaus").entries())
                .as("seven ranges; the metadata line is not one")
                .isEqualTo(7);
        assertThat(parse("spamhaus6").entries()).isEqualTo(3);
        assertThat(labels(parse("feodo")))
                .containsOnlyKeys("50.16.16.211/32", "162.243.103.246/32", "167.86.75.145/32");
        assertThat(parse("tor").entries()).isEqualTo(5);
        assertThat(parse("cloudflare").entries()).isEqualTo(15);
        assertThat(parse("cloudflare6").entries()).isEqualTo(7);
        assertThat(labels(parse("googlebot")))
                .containsEntry("66.249.66.0/27", "google/googlebot")
                .containsEntry("2001:4860:4801:10::/64", "google/googlebot")
                .hasSize(5);
        assertThat(labels(parse("bingbot")))
                .containsEntry("157.55.39.0/24", "microsoft/bingbot")
                .hasSize(3);
    }

    @Test
    void awsRangesAreNamedByTheirServiceAndTheGenericAmazonEntryComesFirst() throws IOException {
        List<String> labels = ((SourceData.Ranges) parse("aws"))
                .ranges().entries().stream()
                        .map(e -> e.block() + " " + e.feed())
                        .toList();
        assertThat(labels).containsSubsequence("13.32.0.0/15 aws/AMAZON", "13.32.0.0/15 aws/CLOUDFRONT");
        assertThat(labels).contains("3.8.0.0/14 aws/EC2", "2600:9000::/28 aws/CLOUDFRONT");
    }

    @Test
    void theAsnTableAnswersEveryRoutedRangeAndLeavesOutUnroutedOnes() throws IOException {
        SourceData.Networks table = (SourceData.Networks) parse("asn");
        assertThat(table.entries()).as("fifteen rows, one of them AS 0").isEqualTo(14);
        assertThat(table.table().lookup(IpAddressParser.parse("66.249.66.1")))
                .contains(new Network(15169, "GOOGLE", "US"));
        assertThat(table.table().lookup(IpAddressParser.parse("2606:4700::6810:8505")))
                .contains(new Network(13335, "CLOUDFLARENET", "US"));
        assertThat(table.table().lookup(IpAddressParser.parse("192.0.2.7"))).isEmpty();
        assertThat(table.table().lookup(IpAddressParser.parse("9.9.9.9"))).isEmpty();
    }

    @Test
    void theStoredAsnTableReadsBackWithTheSameAnswersAndOneCopyOfEachCountry() throws IOException {
        AsnTable parsed = ((SourceData.Networks) parse("asn")).table();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        parsed.writeTo(stored);

        AsnTable loaded = AsnTable.readFrom(new ByteArrayInputStream(stored.toByteArray()));

        for (String address : List.of("66.249.66.1", "2606:4700::6810:8505", "192.0.2.7", "9.9.9.9")) {
            assertThat(loaded.lookup(IpAddressParser.parse(address)))
                    .as(address)
                    .isEqualTo(parsed.lookup(IpAddressParser.parse(address)));
        }
        Network google = loaded.lookup(IpAddressParser.parse("66.249.66.1")).orElseThrow();
        Network cloudflare =
                loaded.lookup(IpAddressParser.parse("2606:4700::6810:8505")).orElseThrow();
        assertThat(google.country())
                .as("a loaded table keeps one copy of each country code for its tens of thousands of networks")
                .isSameAs(cloudflare.country());
    }

    @Test
    void anHtmlPageIsRefusedInEveryFormat() {
        byte[] html =
                "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n<body>\n<h1>Maintenance</h1>\n<p>Back soon.</p>\n</body></html>\n"
                        .repeat(4)
                        .getBytes(StandardCharsets.UTF_8);
        for (TestSources.Sample sample : TestSources.all("https://sources.test")) {
            PublicSource source = sample.source();
            boolean refused;
            try {
                refused = source.format().parse(source, html).entries() == 0;
            } catch (IOException e) {
                refused = true;
            }
            assertThat(refused)
                    .as(source.id() + " must not read an HTML page as data")
                    .isTrue();
        }
    }

    @Test
    void aTruncatedGzipAndADropListWithoutItsMetadataLineAreRefused() throws IOException {
        byte[] gzip = TestSources.body("ip2asn-combined.tsv.gz");
        byte[] cut = Arrays.copyOf(gzip, gzip.length - 20);
        PublicSource asn = TestSources.source("asn");
        assertThatThrownBy(() -> asn.format().parse(asn, cut)).isInstanceOf(IOException.class);

        String drop = new String(TestSources.body("drop_v4.json"), StandardCharsets.UTF_8);
        byte[] withoutMetadata = drop.substring(0, drop.indexOf("{\"type\"")).getBytes(StandardCharsets.UTF_8);
        PublicSource spamhaus = TestSources.source("spamhaus");
        assertThatThrownBy(() -> spamhaus.format().parse(spamhaus, withoutMetadata))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("metadata");
    }
}
